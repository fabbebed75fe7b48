package com.driftsentry.gate.driver.notify;

import com.driftsentry.gate.target.HealthClient;
import com.driftsentry.gate.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A Slack incoming webhook (its URL is a secret: it comes from the environment's secrets and is masked everywhere). */
public final class SlackWebhook implements Notifier {

    private final String url;

    public SlackWebhook(String url) {
        this.url = url;
    }

    @Override
    public String send(String title, String markdown) {
        try {
            String body = Json.MAPPER.writeValueAsString(Map.of("text", "*" + title + "*\n```\n" + markdown + "```"));
            HttpResponse<String> r = HealthClient.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            return r.statusCode() / 100 == 2 ? "sent the verdict to Slack" : "Slack refused the notification: " + r.statusCode();
        } catch (IOException e) {
            return "could not reach Slack: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while notifying Slack";
        }
    }
}
