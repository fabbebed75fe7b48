package com.driftsentry.gate.contract;

import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageHttp;
import io.restassured.specification.RequestSpecification;
import org.opentest4j.TestAbortedException;

/** Requests of the contract suites: every one passes through the document, one way or the other. */
final class Contract {
    private Contract() {
    }

    static ContractSpec spec() {
        return ContractSpec.of(Stage.current().contract()
                .orElseThrow(() -> new TestAbortedException("the environment has no gates.contract.spec")).spec());
    }

    /** A request the document allows: request and response are validated. */
    static RequestSpecification documented(String key) {
        return new StageHttp().withFilter(spec().documented()).as(key);
    }

    static RequestSpecification documentedAnonymous() {
        return new StageHttp().withFilter(spec().documented()).anonymous();
    }

    /** A request made invalid on purpose: the refusal must still be a documented response. */
    static RequestSpecification refused(String key) {
        return new StageHttp().withFilter(spec().responseOnly()).as(key);
    }

    static RequestSpecification refusedAnonymous() {
        return new StageHttp().withFilter(spec().responseOnly()).anonymous();
    }
}
