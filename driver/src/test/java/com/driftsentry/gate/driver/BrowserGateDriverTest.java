package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.gates.BrowserCheck;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser gate's place in driftgate: after smoke and before contract and load, aimed at the
 * dashboard the platform serves beside the release (else gates.browser.dashboardUrl), and named in
 * the plan. (Its judging in Chromium: BrowserGateTest; in a whole run: ComposeStageIT's healthy stage.)
 */
class BrowserGateDriverTest {
    @TempDir
    Path dir;

    private Environment stage(String browser) throws Exception {
        Path envs = DriftgateProcess.stage(dir).resolve("environments");
        Files.writeString(envs.resolve("browse.yaml"), Fixture.edit("""
                name: browse
                target: { baseUrl: embedded, seed: 50 }
                platform: { type: embedded, baselineVersion: 0.1.0, stableTimeout: 20s }
                gates:
                  smoke: { tags: [health] }
                  BROWSER
                  contract: { spec: SPEC }
                state: { type: file, path: target/state/browse }
                """, "BROWSER", browser, "SPEC", Path.of("../contract-tests/src/main/resources/openapi/driftsentry.yaml")
                .toAbsolutePath().normalize().toString()));
        return new EnvironmentLoader(envs, Map.of(), SecretResolver::unread).load("browse");
    }

    @Test
    void theBrowserGateRunsAfterSmokeOnThePlatformsOwnDashboardElseTheOneConfigured() throws Exception {
        Environment env = stage("browser: { loads: 5, dashboardUrl: http://127.0.0.1:3000 }");
        StageGates gates = StageGates.of(env, dir.resolve("out"));
        Release release = Release.parse("0.2.0");
        List<Gate> own = gates.judging(release, new Platform.Endpoint("http://127.0.0.1:3002", "key", Optional.empty(),
                Optional.of("http://127.0.0.1:4000")));
        assertEquals(List.of("health", "smoke", "browser", "contract"), own.stream().map(Gate::name).toList());
        assertEquals(Optional.of("http://127.0.0.1:4000"), ((BrowserCheck) own.get(2)).dashboardUrl(), "the platform's own dashboard first");
        List<Gate> configured = gates.judging(release, new Platform.Endpoint("http://127.0.0.1:3002", "key", Optional.empty()));
        assertEquals(Optional.of("http://127.0.0.1:3000"), ((BrowserCheck) configured.get(2)).dashboardUrl());
        assertEquals(5, ((BrowserCheck) configured.get(2)).config().loads());
    }

    @Test
    void withNoDashboardAnywhereTheGateIsInconclusiveNamingTheFix() throws Exception {
        Environment env = stage("browser: { loads: 5 }");
        Gate browser = StageGates.of(env, dir.resolve("out")).judging(Release.parse("0.2.0"),
                new Platform.Endpoint("http://127.0.0.1:3002", "key", Optional.empty())).get(2);
        Verdict v = browser.judge();
        assertEquals(Outcome.INCONCLUSIVE, v.outcome(), "never a pass without a page to judge");
        assertTrue(v.lines().get(0).reason().contains("fix: gates.browser.dashboardUrl"), v.lines().get(0).reason());
    }

    @Test
    void aStageThatHostsItsPageShowsTheBrowserLineNotJudgedUntilTheFirstPublish() throws Exception {
        Path envs = DriftgateProcess.stage(dir).resolve("environments");
        Files.writeString(envs.resolve("hosted.yaml"), """
                name: hosted
                target: { baseUrl: "http://127.0.0.1:9", apiKey: key-of-the-test }
                platform: { type: ecs, cluster: c, service: s, dashboard: { bucket: pages, distribution: E2QWRUHAPOMQZL } }
                gates:
                  smoke: { tags: [health] }
                  browser: { dashboardUrl: "http://127.0.0.1:8" }
                state: { type: file, path: target/state/hosted }
                """);
        Environment env = new EnvironmentLoader(envs, Map.of(), SecretResolver::unread).load("hosted");
        // Only the browser line is judged here (loopback addresses all the same: nothing answers at either).
        Platform.Endpoint at = new Platform.Endpoint("http://127.0.0.1:9", "key", Optional.empty());
        Gate first = browser(StageGates.of(env, dir.resolve("out"), Optional.empty(), false).judging(Release.parse("0.2.0"), at));
        Verdict v = first.judge();
        assertEquals(Outcome.NOT_JUDGED, v.lines().get(0).outcome(), "no page to judge before the first publish: " + v);
        assertTrue(v.lines().get(0).reason().contains("driftgate publish judges the first one"), v.lines().get(0).reason());
        Gate later = browser(StageGates.of(env, dir.resolve("out"), Optional.empty(), true).judging(Release.parse("0.2.0"), at));
        assertEquals(Optional.of("http://127.0.0.1:8"), ((BrowserCheck) later).dashboardUrl(),
                "once a page is published, the deploy judges it with the candidate API");
    }

    private static Gate browser(List<Gate> gates) {
        return gates.stream().filter(g -> g.name().equals("browser")).findFirst().orElseThrow();
    }

    @Test
    void thePlanNamesTheBrowserGate() throws Exception {
        stage("browser: { loads: 5 }");
        DriftgateProcess plan = DriftgateProcess.run(dir, Map.of(), "deploy", "--env", "browse", "--image", "0.2.0", "--dry-run");
        assertEquals(0, plan.exitCode, plan.output);
        assertTrue(plan.output.contains("gate browser: 5 loads of the dashboard (the one the platform serves)"), plan.output);
    }
}
