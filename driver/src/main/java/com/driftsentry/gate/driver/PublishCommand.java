package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.dashboard.HostedPage;
import com.driftsentry.gate.driver.dashboard.PageFiles;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.environment.PlatformSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish the dashboard where the stage hosts it (platform.dashboard), judge it at its address with the browser gate, "
                + "and put the previous page back if it does not pass.")
final class PublishCommand extends CommandSupport {
    @Option(names = "--from", paramLabel = "DIR", description = "the page's folder (default: the page this driftgate ships, which its container serves too)")
    Path from;

    @Option(names = "--dry-run", description = "print what would change and change nothing")
    boolean dryRun;

    @Override
    int execute() {
        PagePublisher.Site site = PagePublisher.Site.of(env, "publish");
        String url = site.url();
        String api = site.api();
        PlatformSettings.DashboardHost host = site.host();
        PageFiles page = from == null ? PageFiles.shipped(api) : PageFiles.from(from.toAbsolutePath().normalize(), api);
        if (dryRun) {
            return printPlan(List.of("environment " + env.name() + ": the dashboard at " + url + " (s3://" + host.bucket() + ", CloudFront "
                            + host.distribution() + ")",
                    "would write " + page.keys().size() + " files (" + page.size() / 1000 + " KB: " + String.join(", ", page.keys()) + "); config.json names " + api,
                    "would drop CloudFront's copies, check the address serves exactly these files, and judge the page with the browser gate ("
                            + site.browser().loads() + " loads)",
                    "on anything but PASS: would put every file back as it is now, drop the copies again and check it; exit 1 (or 4)"));
        }
        // The stage's page is read and changed under its lock, and its versions are noted before the first write.
        try (StageLock lock = lockStage("publish"); HostedPage hosted = HostedPage.open(host, env.deploy().platform().common().region())) {
            Interruption interruption = Interruption.install(progress, true);
            progress.step("note", "the files " + hosted.where() + " holds now");
            Map<String, String> before = PagePublisher.before(page, hosted.current());
            Intents intents = intents();
            intents.openPage(before);
            return finish(new PagePublisher(env, hosted, site, progress).publish(page, before, runId, workDir("publish").resolve("browser"),
                    interruption), intents);
        }
    }
}
