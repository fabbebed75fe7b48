package com.driftsentry.gate.driver.dashboard;

import com.driftsentry.dashboard.DashboardFiles;
import com.driftsentry.gate.environment.ConfigError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files {@code driftgate publish} writes, by key: the page (the one shipped with this driftgate, which its container
 * serves too, or a folder given with {@code --from}) and {@code config.json}, written here so the page calls the stage's API.
 */
public record PageFiles(Map<String, PageFile> files) {
    // A page is a handful of small files; a folder far larger than that is the wrong folder.
    private static final int MAX_FILES = 200;
    private static final long MAX_BYTES = 20_000_000;

    /** One file's bytes and the content type it is served with (a script without its type does not run under nosniff). */
    public record PageFile(byte[] bytes, String type) {
    }

    /** The page this driftgate ships, calling {@code apiBaseUrl}. */
    public static PageFiles shipped(String apiBaseUrl) {
        Map<String, PageFile> files = new LinkedHashMap<>();
        DashboardFiles.shipped().forEach((name, bytes) -> files.put(name, new PageFile(bytes, DashboardFiles.type(name).orElseThrow())));
        return withConfig(files, apiBaseUrl);
    }

    /** The page in {@code folder} (every file, by its path below it), calling {@code apiBaseUrl}; a folder that is no page is a {@link ConfigError}. */
    public static PageFiles from(Path folder, String apiBaseUrl) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigError("--from: " + ConfigError.quote(folder.toString()) + " is not a folder (fix: the folder that holds the page's index.html)");
        }
        Map<String, PageFile> files = new LinkedHashMap<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String key = folder.relativize(f).toString().replace('\\', '/');
                if (!key.matches("[A-Za-z0-9._/-]+")) {
                    throw new ConfigError("--from: " + ConfigError.quote(key) + " in " + folder + " is not a name a page's address can carry "
                            + "(fix: letters, digits, '.', '_', '-' and '/' only)");
                }
                if (key.equals(DashboardFiles.CONFIG)) {
                    throw new ConfigError("--from: " + folder + " holds " + DashboardFiles.CONFIG + ", which publish writes itself so the page calls "
                            + "the stage's API (fix: remove it from the folder)");
                }
                String type = DashboardFiles.type(key).orElseThrow(() -> new ConfigError("--from: " + key + " in " + folder
                        + " is of no kind the page serves (fix: html, js, css, svg, json, png, ico, txt or webmanifest files only)"));
                byte[] content = Files.readAllBytes(f);
                bytes += content.length;
                files.put(key, new PageFile(content, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--from: " + folder + " could not be read: " + e.getMessage(), e);
        }
        if (!files.containsKey("index.html")) {
            throw new ConfigError("--from: " + folder + " has no index.html (fix: the folder that holds the page, e.g. dashboard/src/main/resources/dashboard)");
        }
        if (files.size() > MAX_FILES || bytes > MAX_BYTES) {
            throw new ConfigError("--from: " + folder + " holds " + files.size() + " files, " + bytes / 1000 + " KB: more than a page (fix: at most "
                    + MAX_FILES + " files and " + MAX_BYTES / 1_000_000 + " MB, the page's own folder)");
        }
        return withConfig(files, apiBaseUrl);
    }

    private static PageFiles withConfig(Map<String, PageFile> files, String apiBaseUrl) {
        files.put(DashboardFiles.CONFIG, new PageFile(DashboardFiles.config(apiBaseUrl), DashboardFiles.type(DashboardFiles.CONFIG).orElseThrow()));
        return new PageFiles(Map.copyOf(files));
    }

    /** The keys, sorted. */
    public List<String> keys() {
        return files.keySet().stream().sorted().toList();
    }

    /** Each file's bytes, by key: what the hosted address must serve once the page is published. */
    public Map<String, byte[]> bytes() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        keys().forEach(k -> all.put(k, files.get(k).bytes()));
        return all;
    }

    public long size() {
        return files.values().stream().mapToLong(f -> f.bytes().length).sum();
    }
}
