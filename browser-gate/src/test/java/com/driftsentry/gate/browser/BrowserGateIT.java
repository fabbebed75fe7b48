package com.driftsentry.gate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -pl browser-gate verify -Denv=local|production}: the browser gate alone against that
 * environment's dashboard (the embedded default starts the service and its dashboard here). Fails
 * with the verdict's failing lines; a screenshot and the console lines are in target/browser-gate/.
 */
class BrowserGateIT {

    @Test
    void theDashboardPassesTheBrowserGate() {
        Environment env = EnvironmentLoader.fromSystem().load(System.getProperty("env", "local"));
        BrowserGateConfig config = env.browser().orElseThrow(() -> ConfigError.at(env.file(), "gates.browser", "is not set (fix: browser: { loads: 10 })"));
        Path out = Path.of(System.getProperty("gate.output", "target"), "browser-gate");
        Verdict verdict;
        if (env.target().embedded()) {
            try (EmbeddedTarget target = EmbeddedTarget.start(env.target().seed(), Map.of(), out.resolve("embedded"))) {
                verdict = new BrowserGate(config, env.name(), out).judge(target.dashboardUrl(), target.baseUrl(), target.readerKey());
            }
        } else {
            String dashboard = config.dashboardUrl().orElseThrow(() -> ConfigError.at(env.file(), "gates.browser.dashboardUrl",
                    "is not set (fix: the dashboard's address, e.g. https://app.driftsentry.example)"));
            verdict = new BrowserGate(config, env.name(), out).judge(dashboard, env.target().baseUrl(), env.target().apiKey());
        }
        System.out.print(env.masker().mask(ConsoleTable.render(verdict)));
        Verdict judged = verdict;
        assertEquals(Outcome.PASS, verdict.outcome(), () -> env.masker().mask(judged.failing().stream()
                .map(VerdictLine::reason).collect(Collectors.joining(" | ", "browser gate " + judged.outcome() + ": ", ""))));
    }
}
