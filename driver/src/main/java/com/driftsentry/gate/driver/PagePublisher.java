package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.dashboard.HostedPage;
import com.driftsentry.gate.driver.dashboard.PageFiles;
import com.driftsentry.gate.driver.dashboard.ServedPage;
import com.driftsentry.gate.driver.decision.RunOutcome;
import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.gates.BrowserCheck;
import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.PlatformSettings;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The hosted dashboard's publication, and its restore: write the files, drop CloudFront's copies, check the address serves
 * exactly them, judge the page with the browser gate; on anything but PASS put back every file the run touched (the versions
 * its intent noted), drop the copies again and check the address serves the old page. {@code publish} and {@code recover}
 * share it, so an interrupted publish is undone the way a failed one is.
 */
final class PagePublisher {
    private final Environment env;
    private final HostedPage hosted;
    private final BrowserGateConfig browser;
    private final String url;
    private final Progress progress;
    private final Duration within;

    /** Where a stage hosts its page, what judges it there, and the API it calls; a stage that lacks one is a {@link ConfigError}. */
    record Site(PlatformSettings.DashboardHost host, BrowserGateConfig browser, String url, String api) {
        static Site of(Environment env, String command) {
            PlatformSettings.DashboardHost host = env.deploy().platform().dashboardHost().orElseThrow(() -> new ConfigError(command + ": " + env.name()
                    + " hosts no dashboard (fix: platform.dashboard: { bucket: ${stack:…#DashboardBucket}, distribution: ${stack:…#DashboardDistribution} })"));
            BrowserGateConfig browser = env.browser().orElseThrow(() -> new ConfigError(command + ": a published page is judged by the browser gate, and "
                    + env.name() + " has no gates.browser (fix: gates.browser: { dashboardUrl: ${stack:…#DashboardUrl} })"));
            String url = browser.dashboardUrl().orElseThrow(() -> new ConfigError(command + ": gates.browser.dashboardUrl is not set, so the hosted "
                    + "page cannot be judged (fix: dashboardUrl: ${stack:…#DashboardUrl})"));
            String api = Optional.ofNullable(env.target().baseUrl()).orElseThrow(() -> new ConfigError(command + ": target.baseUrl names no fixed "
                    + "address for the page to call (fix: the stage's API address, e.g. ${stack:…#ApiUrl})"));
            return new Site(host, browser, url, api);
        }
    }

    PagePublisher(Environment env, HostedPage hosted, Site site, Progress progress) {
        this.env = env;
        this.hosted = hosted;
        this.browser = site.browser();
        this.url = site.url();
        this.progress = progress;
        this.within = env.deploy().platform().common().stableTimeout();
    }

    /** Each key the page has or the bucket has now, and its version now ({@code ""}: not there): what a restore puts back. */
    static Map<String, String> before(PageFiles page, Map<String, String> current) {
        Map<String, String> before = new TreeMap<>(current);
        page.keys().forEach(k -> before.putIfAbsent(k, ""));
        return before;
    }

    /** Publishes {@code page} and judges it; the run's intent ({@code before}) is already open. */
    RunRecord publish(PageFiles page, Map<String, String> before, String runId, Path reports, Cancellation interruption) {
        RunRecord run = new RunRecord("publish", env.name());
        String api = env.target().baseUrl();
        try {
            progress.step("publish", "writing " + page.keys().size() + " files (" + page.size() / 1000 + " KB) to " + hosted.where()
                    + "; config.json names " + api);
            Set<String> gone = new HashSet<>(before.keySet());
            gone.removeAll(page.keys());
            hosted.write(page, gone);
            progress.step("invalidate", "dropping CloudFront's copies (at most " + within.toMinutes() + " min)");
            hosted.invalidate(runId, within);
            run.add(verdict("page", ServedPage.check("the published page is served", url, page.bytes(), gone)));
            if (run.gatesOutcome() == Outcome.PASS) {
                progress.step("browser", browser.loads() + " loads of " + url + " in headless Chromium");
                run.add(new BrowserCheck(browser, env.name(), Optional.of(url), api, env.target().apiKey(), reports, env.masker()).judge());
            }
        } catch (RuntimeException e) {
            run.add(verdict("publish", VerdictLine.of("publish").threshold("the page written, CloudFront's copies dropped").measured("stopped")
                    .samples(0, 1).inconclusive(problem(e))));
        }
        interruption.by().ifPresent(run::interrupted);
        Outcome judged = run.gatesOutcome();
        if (judged == Outcome.PASS && interruption.by().isEmpty()) {
            return run.ended(RunOutcome.PROMOTED, judged, "the dashboard's " + page.keys().size() + " files are published at " + url
                    + " and judged; its config.json names " + api);
        }
        interruption.restoring();
        // A cancelled run's thread was interrupted to stop its gate; the restore's calls must not see that flag.
        Thread.interrupted();
        return restore(run, before, judged, runId + "-restore", "the page did not pass (" + run.firstProblem() + ")");
    }

    /** Puts back what {@code before} notes, checks the address serves it, and ends {@code run} with what that answered. */
    RunRecord restore(RunRecord run, Map<String, String> before, Outcome judged, String reference, String why) {
        progress.step("restore", "putting back the " + before.size() + " files as they were in " + hosted.where());
        try {
            hosted.restore(before);
            hosted.invalidate(reference, within);
            Set<String> back = before.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> gone = new HashSet<>(before.keySet());
            gone.removeAll(back);
            run.add(verdict("restore", ServedPage.check("the previous page is served", url, hosted.read(back), gone)));
        } catch (RuntimeException e) {
            run.add(verdict("restore", VerdictLine.of("restore").threshold("the previous files back, CloudFront's copies dropped")
                    .measured("stopped").samples(0, 1).fail(problem(e))));
        }
        boolean restored = run.verdicts().get(run.verdicts().size() - 1).outcome() == Outcome.PASS;
        return restored ? run.ended(RunOutcome.ROLLED_BACK, judged, why + ": the previous page is back at " + url + ", verified")
                : run.ended(RunOutcome.ROLLBACK_FAILED, judged, why + " and putting the previous page back did not complete; a person must act "
                        + "(fix: driftgate publish --env " + env.name() + " --from <a page that passed>; the bucket keeps every version 30 days)");
    }

    private Verdict verdict(String gate, VerdictLine line) {
        return Verdict.of(gate, env.name(), "the hosted dashboard", url, List.of(line));
    }

    private static String problem(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
