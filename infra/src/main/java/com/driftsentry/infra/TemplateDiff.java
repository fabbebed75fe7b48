package com.driftsentry.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A {@code cdk diff}-style summary of two folders of synthesized templates (before: the base branch's
 * {@code infra/synthesized/}; after: this change's), as Markdown for a CI job summary: per stack, each
 * resource added [+], removed [-] or changed [~] with the properties that changed. It compares
 * templates, not a deployed stack: no AWS account is needed.
 * <p>{@code mvn -f infra/pom.xml -q exec:java -Dexec.mainClass=com.driftsentry.infra.TemplateDiff -Dexec.args="BEFORE AFTER"}
 */
public final class TemplateDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 80;

    private TemplateDiff() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("TemplateDiff: give two folders of *.template.json: BEFORE AFTER");
            System.exit(3);
        }
        System.out.print(markdown(Path.of(args[0]), Path.of(args[1])));
    }

    static String markdown(Path before, Path after) throws IOException {
        TreeSet<String> stacks = new TreeSet<>(names(before));
        stacks.addAll(names(after));
        StringBuilder md = new StringBuilder("## What the stacks would change (synthesized templates, before → after)\n\n");
        boolean any = false;
        for (String stack : stacks) {
            List<String> lines = diff(read(before.resolve(stack)), read(after.resolve(stack)));
            if (!lines.isEmpty()) {
                any = true;
                md.append("### ").append(stack.replace(".template.json", "")).append("\n\n```\n");
                lines.forEach(l -> md.append(l).append('\n'));
                md.append("```\n\n");
            }
        }
        return any ? md.toString() : md.append("No change to any stack.\n").toString();
    }

    static List<String> diff(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        JsonNode was = before.path("Resources");
        JsonNode is = after.path("Resources");
        TreeSet<String> ids = new TreeSet<>();
        was.fieldNames().forEachRemaining(ids::add);
        is.fieldNames().forEachRemaining(ids::add);
        for (String id : ids) {
            JsonNode a = was.path(id);
            JsonNode b = is.path(id);
            if (a.isMissingNode()) {
                out.add("[+] " + b.path("Type").asText() + " " + id);
            } else if (b.isMissingNode()) {
                out.add("[-] " + a.path("Type").asText() + " " + id);
            } else if (!a.equals(b)) {
                out.add("[~] " + b.path("Type").asText() + " " + id);
                TreeSet<String> props = new TreeSet<>();
                a.path("Properties").fieldNames().forEachRemaining(props::add);
                b.path("Properties").fieldNames().forEachRemaining(props::add);
                for (String p : props) {
                    JsonNode x = a.path("Properties").path(p);
                    JsonNode y = b.path("Properties").path(p);
                    if (!x.equals(y)) {
                        out.add(" └─ [~] " + p + ": " + shown(x) + " → " + shown(y));
                    }
                }
            }
        }
        return out;
    }

    private static String shown(JsonNode v) {
        String text = v.isMissingNode() ? "(none)" : v.isValueNode() ? v.asText() : v.toString();
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".template.json")).toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : MissingNode.getInstance();
    }
}
