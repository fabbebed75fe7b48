package com.driftsentry.gate.suite;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;

/**
 * REST Assured requests aimed at the current stage: short timeouts (a hung stage fails a test
 * in seconds), no redirects followed, no request logging (it would print the key), and any
 * filters a gate adds to every request, such as the contract's OpenAPI validation.
 */
public final class StageHttp {
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", CONNECT_TIMEOUT_MS)
                    .setParam("http.socket.timeout", READ_TIMEOUT_MS))
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    private final List<Filter> filters = new ArrayList<>();

    public StageHttp withFilter(Filter filter) {
        filters.add(filter);
        return this;
    }

    /** A request without a key. */
    public RequestSpecification anonymous() {
        RequestSpecification spec = given().config(CONFIG).baseUri(Stage.current().baseUrl()).urlEncodingEnabled(true);
        filters.forEach(spec::filter);
        return spec;
    }

    /** A request carrying {@code key} as X-API-Key. */
    public RequestSpecification as(String key) {
        return anonymous().header("X-API-Key", key);
    }
}
