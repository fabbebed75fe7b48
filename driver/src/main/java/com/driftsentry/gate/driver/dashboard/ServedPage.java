package com.driftsentry.gate.driver.dashboard;

import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the hosted address serves, file by file, against what the bucket holds: the proof that CloudFront's copies were
 * dropped, before the browser gate judges a page that might still be the old one, and after a restore.
 */
public final class ServedPage {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private ServedPage() {
    }

    /** PASS when every file in {@code expected} is served byte for byte at {@code url} and none of {@code gone} is served at all. */
    public static VerdictLine check(String criterion, String url, Map<String, byte[]> expected, Set<String> gone) {
        VerdictLine.Builder line = VerdictLine.of(criterion).threshold("each file at " + url + " is the bucket's, byte for byte")
                .window("after the invalidation");
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try {
            for (var e : expected.entrySet()) {
                HttpResponse<byte[]> r = get(http, url, e.getKey());
                checked++;
                if (r.statusCode() != 200 || !Arrays.equals(r.body(), e.getValue())) {
                    wrong.add(e.getKey() + (r.statusCode() != 200 ? " answered " + r.statusCode() : " is another file (" + r.body().length + " bytes, "
                            + e.getValue().length + " expected)"));
                }
            }
            for (String key : gone) {
                int status = get(http, url, key).statusCode();
                checked++;
                if (status < 400) {
                    wrong.add(key + " is still served (" + status + ")");
                }
            }
        } catch (IOException e) {
            return line.measured("unreachable").samples(checked, expected.size() + gone.size())
                    .inconclusive(url + " could not be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return line.measured("stopped").samples(checked, expected.size() + gone.size()).inconclusive("the check was cancelled");
        }
        line = line.measured((checked - wrong.size()) + " of " + checked + " as expected").samples(checked, checked);
        return wrong.isEmpty() ? line.pass("the hosted address serves exactly these files")
                : line.fail(String.join("; ", wrong.subList(0, Math.min(3, wrong.size()))) + (wrong.size() > 3 ? "; …" : ""));
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url, String key) throws IOException, InterruptedException {
        // No Accept-Encoding: CloudFront sends the bytes as stored.
        return http.send(HttpRequest.newBuilder(URI.create(url + "/" + key)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
