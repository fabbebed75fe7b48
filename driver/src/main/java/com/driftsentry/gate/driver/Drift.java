package com.driftsentry.gate.driver;

import java.util.Optional;

/** What the platform serves against what the ledger records: the first thing an operator must see when they differ. */
final class Drift {
    private Drift() {
    }

    /** Said when they differ; empty when they agree. */
    static Optional<String> between(Optional<String> platformServes, Optional<String> ledgerRecords) {
        if (platformServes.equals(ledgerRecords)) {
            return Optional.empty();
        }
        return Optional.of("the platform serves " + platformServes.orElse("nothing") + " but the ledger records " + ledgerRecords.orElse("nothing")
                + " (someone deployed by hand, or the platform rolled back on its own; fix: driftgate gate --env <this stage> to judge "
                + "what serves, then deploy the release you mean)");
    }
}
