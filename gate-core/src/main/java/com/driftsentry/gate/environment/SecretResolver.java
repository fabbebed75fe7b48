package com.driftsentry.gate.environment;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.json.Json;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Replaces {@code ${env:NAME}} with an environment variable, {@code ${secret:NAME}} with an AWS
 * Secrets Manager secret (a JSON secret may be picked into with {@code NAME#field}) and {@code ${stack:STACK#Output}}
 * with a deployed stack's output ({@link StackOutputs}). Every value
 * it resolves is registered with the {@link Masker} before it is returned.
 */
public final class SecretResolver implements AutoCloseable {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|secret|stack):([^}]+)}");

    private final Function<String, String> environment;
    private final Masker masker;
    private final String region;
    private final URI endpoint;
    private final boolean readsAws;
    private final StackOutputs stacks;
    private SecretsManagerClient client;

    public SecretResolver(Function<String, String> environment, Masker masker, String region, URI endpoint) {
        this(environment, masker, region, endpoint, true);
    }

    private SecretResolver(Function<String, String> environment, Masker masker, String region, URI endpoint, boolean readsAws) {
        this.environment = environment;
        this.masker = masker;
        this.region = region;
        this.endpoint = endpoint;
        this.readsAws = readsAws;
        this.stacks = new StackOutputs(region, endpoint);
    }

    /**
     * For a command that needs no secret ({@code driftgate cost}): {@code ${secret:NAME}} stays as written and
     * nothing calls AWS, and {@code ${env:NAME}} of an unset variable stays as written too.
     */
    public static SecretResolver unread(Masker masker, String region) {
        return new SecretResolver(name -> {
            String value = System.getenv(name);
            return value == null || value.isEmpty() ? "${env:" + name + "}" : value;
        }, masker, region, null, false);
    }

    public static SecretResolver fromSystem(Masker masker, String region) {
        return new SecretResolver(System::getenv, masker, region, AwsClientFactory.endpoint().orElse(null));
    }

    /** The text with every reference resolved; a missing value is a {@link ConfigError} naming the field. */
    public String resolve(String file, String field, String text) {
        return replaced(text, (kind, name) -> masker.register(switch (kind) {
            case "env" -> env(file, field, name);
            case "stack" -> stack(file, field, name);
            default -> secret(file, field, name);
        }));
    }

    /**
     * A setting that is not a secret (a bucket name, an address): {@code ${env:NAME}} and {@code ${stack:STACK#Output}}
     * are resolved and the value stays readable in output; a {@code ${secret:…}} here is refused, as it would be printed.
     */
    public String setting(String file, String field, String text) {
        return replaced(text, (kind, name) -> switch (kind) {
            case "env" -> env(file, field, name);
            case "stack" -> stack(file, field, name);
            default -> throw ConfigError.at(file, field, "is not a secret and is printed in reports (fix: ${env:NAME}, ${stack:STACK#Output} "
                    + "or the value itself)");
        });
    }

    private static String replaced(String text, java.util.function.BinaryOperator<String> value) {
        if (text == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String env(String file, String field, String name) {
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw ConfigError.at(file, field, "environment variable " + name + " is not set (fix: export " + name + "=…)");
        }
        return value;
    }

    private String stack(String file, String field, String reference) {
        return readsAws ? stacks.value(file, field, reference) : "${stack:" + reference + "}";
    }

    private String secret(String file, String field, String reference) {
        if (!readsAws) {
            return "${secret:" + reference + "}";
        }
        String[] parts = reference.split("#", 2);
        String value;
        try {
            value = client().getSecretValue(b -> b.secretId(parts[0])).secretString();
        } catch (SdkException e) {
            throw ConfigError.at(file, field, "secret " + parts[0] + " could not be read from AWS Secrets Manager in " + region + ": "
                    + AwsCall.problem("secretsmanager:GetSecretValue", e, "check the secret's name and the region"));
        } catch (RuntimeException e) {
            throw ConfigError.at(file, field, "secret " + parts[0] + " could not be read from AWS Secrets Manager: "
                    + e.getClass().getSimpleName() + " (fix: check AWS credentials and network)");
        }
        if (value == null) {
            throw ConfigError.at(file, field, "secret " + parts[0] + " has no string value");
        }
        return parts.length == 1 ? value : jsonField(file, field, parts[0], parts[1], value);
    }

    private String jsonField(String file, String field, String name, String key, String json) {
        try {
            Map<?, ?> map = Json.MAPPER.readValue(json, Map.class);
            Object v = map.get(key);
            if (v != null) {
                return v.toString();
            }
        } catch (Exception ignored) {
            // reported below
        }
        throw ConfigError.at(file, field, "secret " + name + " has no JSON field '" + key + "'");
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            client = AwsClientFactory.configure(SecretsManagerClient.builder(), region, Optional.ofNullable(endpoint)).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        stacks.close();
        if (client != null) {
            client.close();
        }
    }
}
