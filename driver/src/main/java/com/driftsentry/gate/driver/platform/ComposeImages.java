package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image each service of a stack runs, as compose resolves it: the last file that names one wins, and
 * {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME-default}} are filled from the stack's variables,
 * then the process environment. Read when a stack does not come up, to name the images this machine lacks.
 */
final class ComposeImages {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");
    static final String OFFLINE_FIX = "scripts/offline-base-images.sh once, then --compose-file environments/compose/docker-compose.offline.yml";

    private ComposeImages() {
    }

    /** Service to image, in the order the base file lists the services. */
    static Map<String, String> of(List<Path> files, Function<String, String> variables) {
        Map<String, String> images = new LinkedHashMap<>();
        ObjectMapper yaml = Json.YAML;
        for (Path file : files) {
            JsonNode services;
            try {
                services = yaml.readTree(file.toFile()).path("services");
            } catch (IOException e) {
                continue; // compose itself says what is wrong with the file
            }
            services.fields().forEachRemaining(s -> {
                JsonNode image = s.getValue().path("image");
                if (image.isTextual()) {
                    images.put(s.getKey(), interpolate(image.asText(), variables));
                }
            });
        }
        return images;
    }

    static String interpolate(String value, Function<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = variables.apply(m.group(1));
            boolean useDefault = m.group(2) != null && (set == null || (m.group(2).equals(":-") && set.isEmpty()));
            m.appendReplacement(out, Matcher.quoteReplacement(useDefault ? m.group(3) : set == null ? "" : set));
        }
        return m.appendTail(out).toString();
    }

    /** Of {@code images}, those this engine does not have, service to image. */
    static Map<String, String> missing(DockerClient docker, Map<String, String> images) {
        Map<String, String> missing = new LinkedHashMap<>();
        images.forEach((service, image) -> {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                missing.put(service, image);
            }
        });
        return missing;
    }

    /** One line: each missing image with its service, and how to get it here. */
    static String describe(Map<String, String> missing) {
        StringBuilder line = new StringBuilder();
        missing.forEach((service, image) -> line.append(line.isEmpty() ? "" : ", ").append("image ").append(image).append(" (service ")
                .append(service).append(")"));
        boolean ours = missing.values().stream().anyMatch(i -> i.startsWith("driftsentry-"));
        return line + (missing.size() == 1 ? " is" : " are") + " not on this machine and could not be pulled (fix: docker pull "
                + String.join(" ", missing.values()) + " where a registry answers; with none, " + OFFLINE_FIX
                + (ours ? "; the build's own images: scripts/build-backend-image.sh <version>" : "") + ")";
    }
}
