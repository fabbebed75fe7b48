package com.driftsentry.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page as it is shipped: its files (page, script, style, icon) with their content types, and {@code config.json}, the one
 * file that differs per stage (the API the page calls). The server serves these bytes and {@code driftgate publish} writes the
 * same bytes to a stage's bucket, so the compose stage and the hosted page are one page.
 */
public final class DashboardFiles {
    /** The page's files, in the order a browser asks for them. */
    public static final List<String> NAMES = List.of("index.html", "app.js", "style.css", "favicon.svg");
    /** Where the page reads the API's address: not shipped, written per stage. */
    public static final String CONFIG = "config.json";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "json", "application/json", "png", "image/png", "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8", "webmanifest", "application/manifest+json");

    private DashboardFiles() {
    }

    /** Each shipped file's bytes, by name. */
    public static Map<String, byte[]> shipped() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (InputStream in = DashboardFiles.class.getResourceAsStream("/dashboard/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard's " + name + " is not on the classpath (a broken build of the dashboard module)");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The content type a browser needs for a file (with nosniff it runs a script only if it says so); empty for a kind the page has no use for. */
    public static Optional<String> type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    /** {@code config.json} naming the API the page calls. */
    public static byte[] config(String apiBaseUrl) {
        return JsonText.object("apiBaseUrl", apiBaseUrl).getBytes(StandardCharsets.UTF_8);
    }
}
