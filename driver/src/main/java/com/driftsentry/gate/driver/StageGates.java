package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.gates.BrowserCheck;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.gates.GateKind;
import com.driftsentry.gate.driver.gates.LoadGate;
import com.driftsentry.gate.driver.gates.SuiteGate;
import com.driftsentry.gate.driver.gates.VersionGate;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.smoke.SmokeGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The environment's gates for a release, in the order they run, and the check that a release serves after a switch. */
interface StageGates {
    /** The gates that read their own section of the environment (see {@link GateKind}): one line each, in the order they run. */
    List<GateKind> KINDS = List.of();

    /** Health and version, smoke, browser, contract, load: the environment's gates aimed at where the release answers. */
    List<Gate> judging(Release release, Platform.Endpoint at);

    /** Health and version at the address users use, after a promotion or a rollback. */
    Gate verifying(Release release, String address);

    static StageGates of(Environment env, Path output) {
        return new FromEnvironment(env, output, Optional.empty(), KINDS, true);
    }

    /**
     * {@code stageBaseline}: the load evidence of the stage's last promotion (see {@link StageEvidence}), none before the first;
     * {@code pagePublished}: whether a stage that hosts its dashboard has a page there yet (the ledger's publish entries).
     */
    static StageGates of(Environment env, Path output, Optional<Path> stageBaseline, boolean pagePublished) {
        return new FromEnvironment(env, output, stageBaseline, KINDS, pagePublished);
    }

    /** Each section a registered kind reads is checked when a command starts: a bad one is exit 3, before anything changes. */
    static void check(Environment env, List<GateKind> kinds) {
        kinds.forEach(kind -> env.sections().get(kind.key()).ifPresent(kind::check));
    }

    /** The gates {@code environments/<name>.yaml} names; {@code kinds}: the gates that read their own section ({@link #KINDS}). */
    record FromEnvironment(Environment env, Path output, Optional<Path> stageBaseline, List<GateKind> kinds, boolean pagePublished)
            implements StageGates {
        // A release that answers at all reports its version within seconds; a minute covers a load balancer's slow drain.
        private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);

        /**
         * The smoke suite that throttles this address for unknown keys runs last: before it, the
         * contract's refusal checks would meet its lockout and be skipped instead of judged.
         */
        @Override
        public List<Gate> judging(Release release, Platform.Endpoint at) {
            Environment aimed = env.aimedAt(at.baseUrl(), at.apiKey(), release.version(), at.smokeTenant());
            List<String> first = SmokeGate.tagsBeforeRateLimit(aimed);
            List<Gate> gates = new ArrayList<>();
            gates.add(verifying(release, at.baseUrl()));
            if (!first.isEmpty()) {
                gates.add(SuiteGate.smoke(aimed.withSmokeTags(first), output, System.err));
            }
            // A hosted page is published after the API promotes: before the first, the deploy has no page to judge, and publish judges it.
            boolean noPageYet = env.deploy().platform().dashboardHost().isPresent() && !pagePublished;
            aimed.browser().ifPresent(b -> gates.add(noPageYet ? BrowserCheck.notPublished(aimed.name(), at.baseUrl())
                    : new BrowserCheck(b, aimed.name(), at.dashboardUrl().or(b::dashboardUrl), at.baseUrl(), at.apiKey(), output.resolve("browser"),
                    aimed.masker())));
            aimed.contract().ifPresent(c -> gates.add(SuiteGate.contract(aimed, output, System.err)));
            kinds.forEach(kind -> aimed.sections().get(kind.key()).ifPresent(s -> gates.add(kind.gate(s, aimed, at, output))));
            aimed.load().ifPresent(l -> gates.add(new LoadGate(aimed, at.baseUrl(), at.apiKey(), output, stageBaseline)));
            if (SmokeGate.runsRateLimit(aimed)) {
                gates.add(SuiteGate.smokeRateLimit(aimed, output, System.err));
            }
            return gates;
        }

        @Override
        public Gate verifying(Release release, String address) {
            return new VersionGate(env.name(), address, release.version(), env.deploy().platform().common().versionChecks(), VERSION_TIMEOUT);
        }
    }
}
