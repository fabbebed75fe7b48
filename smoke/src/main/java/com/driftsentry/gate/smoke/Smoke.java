package com.driftsentry.gate.smoke;

import com.driftsentry.gate.suite.StageHttp;

/** What every smoke suite shares: plain requests to the stage (the contract suites add OpenAPI validation to theirs). */
final class Smoke {
    static final StageHttp HTTP = new StageHttp();

    private Smoke() {
    }
}
