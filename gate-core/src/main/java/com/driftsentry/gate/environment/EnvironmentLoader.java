package com.driftsentry.gate.environment;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code environments/<name>.yaml}: checks it against the schema, then reads every value
 * into its type, then resolves secrets. Any problem is one {@link ConfigError} line naming the
 * file, the field and what is expected; nothing is half-loaded.
 */
public final class EnvironmentLoader {
    /**
     * Set by a JVM that checked an environment file against the schema in the environment of a JVM it starts (the load
     * gate's Gatling): the file's SHA-256. The child reads a file with that digest without checking it again (about 0.4 s
     * of its start, the schema's classes and their compiling); a file changed in between has another digest and is
     * checked. The environment, not the command line: any local user reads a command line, and a file may hold a
     * literal secret whose digest is not to be shown.
     */
    public static final String CHECKED_VARIABLE = "DRIFTGATE_CHECKED_ENVIRONMENT";
    /** The same as a system property, for a JVM started by hand (and the tests). */
    public static final String CHECKED_PROPERTY = "driftgate.checkedEnvironment";
    // The digests of the files this JVM checked against the schema (or read as vouched for by the JVM that started it).
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    // The largest real environment file is a few KiB; a megabyte is a file pasted by mistake.
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final Path directory;
    private final Map<String, String> overrides;
    private final SecretResolverFactory secrets;

    /** Makes the resolver once the file's region is known. */
    @FunctionalInterface
    public interface SecretResolverFactory {
        SecretResolver create(Masker masker, String region);
    }

    public EnvironmentLoader(Path directory, Map<String, String> overrides, SecretResolverFactory secrets) {
        this.directory = directory;
        this.overrides = Map.copyOf(overrides);
        this.secrets = secrets;
    }

    /** The loader a run uses: {@code environments/} found from the working directory, overrides from {@code -Dgate.*}. */
    public static EnvironmentLoader fromSystem() {
        return fromSystem(SecretResolver::fromSystem);
    }

    /** As {@link #fromSystem()}, resolving references with {@code secrets} (e.g. {@link SecretResolver#unread}). */
    public static EnvironmentLoader fromSystem(SecretResolverFactory secrets) {
        Map<String, String> overrides = System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("gate."))
                .collect(Collectors.toMap(k -> k, k -> CommandLineSecrets.get(k).orElse("")));
        return new EnvironmentLoader(findDirectory(Path.of("").toAbsolutePath()), overrides, secrets);
    }

    public static Path findDirectory(Path start) {
        Optional<Path> explicit = Optional.ofNullable(System.getProperty("gate.environments")).map(Path::of);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("environments/local.yaml"))) {
                return p.resolve("environments");
            }
        }
        throw new ConfigError("environments/: not found above " + start + " (fix: run from the repository, or pass -Dgate.environments=<dir>)");
    }

    public Environment load(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new ConfigError("-Denv=" + name + ": not an environment name (expected e.g. local, staging, production)");
        }
        Path file = file(directory, name);
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("-Denv=" + name + ": no file " + display(file) + " (expected one of " + available() + ")");
        }
        return load(file);
    }

    public Environment load(Path path) {
        String file = display(path);
        JsonNode root;
        String text = TextFiles.read(path, MAX_FILE_BYTES, "an environment file is a few KiB of YAML; check that " + file + " is the right file");
        String digest = digest(text);
        try {
            root = Json.YAML.readTree(text);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigError(file + ": is not valid YAML: " + reason);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigError(file + ": is empty or not a YAML mapping (expected name, target and gates)");
        }
        String vouched = Optional.ofNullable(System.getenv(CHECKED_VARIABLE)).orElse(System.getProperty(CHECKED_PROPERTY));
        List<ValidationMessage> problems = digest.equals(vouched) ? List.of()
                : new ArrayList<>(Schema.INSTANCE.validate(root));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
            ValidationMessage first = problems.get(0);
            throw new ConfigError(file + ": " + first.getMessage().replaceFirst("^\\$(\\.|: )?", "")
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : ""));
        }
        if (!root.path("name").asText().equals(path.getFileName().toString().replaceFirst("\\.yaml$", ""))) {
            throw ConfigError.at(file, "name", "'" + root.path("name").asText() + "' does not match the file name (expected "
                    + path.getFileName().toString().replaceFirst("\\.yaml$", "") + ")");
        }
        CHECKED.add(digest);
        Masker masker = new Masker();
        String region = Optional.ofNullable(root.path("platform").path("region").textValue()).orElse("us-east-1");
        try (SecretResolver resolver = secrets.create(masker, region)) {
            return new EnvironmentReader(file, root, overrides, resolver, masker, path.getParent()).read();
        }
    }

    private String available() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.replaceFirst("\\.yaml$", "")).sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "the files in " + directory;
        }
    }

    private static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** The environment file {@code name} in {@code directory}. */
    public static Path file(Path directory, String name) {
        return directory.resolve(name + ".yaml");
    }

    /** The digest of {@code file} when this JVM has checked its present content against the schema. */
    public static Optional<String> checkedDigest(Path file) {
        try {
            return Optional.of(digest(TextFiles.read(file, MAX_FILE_BYTES, "an environment file is a few KiB of YAML")))
                    .filter(CHECKED::contains);
        } catch (ConfigError unreadable) {
            return Optional.empty();
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compiled on first use: a JVM that reads only checked files never loads the schema's classes. */
    private static final class Schema {
        static final JsonSchema INSTANCE = schema();
    }

    private static JsonSchema schema() {
        try (InputStream in = EnvironmentLoader.class.getResourceAsStream("schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException("the environment schema (environments/schema.json, copied in by the build) is missing", e);
        }
    }
}
