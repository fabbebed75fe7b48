package com.driftsentry.gate.driver.notify;

import com.driftsentry.gate.environment.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a run's result is told: Slack when the environment names a webhook, the job summary when GitHub Actions gives one. */
public final class Notifiers {
    private Notifiers() {
    }

    public static List<Notifier> of(Environment env) {
        List<Notifier> all = new ArrayList<>();
        env.deploy().slackWebhook().ifPresent(url -> all.add(new SlackWebhook(url)));
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            all.add(new GithubSummary(Path.of(summary)));
        }
        return all;
    }
}
