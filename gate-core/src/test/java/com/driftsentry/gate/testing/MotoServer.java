package com.driftsentry.gate.testing;

import static org.awaitility.Awaitility.await;

import com.driftsentry.gate.aws.AwsClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * moto 5.2.1's server (an AWS implementation no one here wrote, shared/notes/moto.md) on a loopback port, one per
 * test JVM: every AWS client of a test points at {@link #endpoint()}, and {@link #fresh()} empties it before each
 * test. Where Python or moto is missing the tests that need it are skipped with the reason, unless
 * {@code DRIFTGATE_MOTO_REQUIRED=true} (what .ci/run sets) or {@code -Dmoto.required=true} makes that a failure.
 */
public final class MotoServer {
    /** moto's one account; every ARN it makes names it. */
    public static final String ACCOUNT = "123456789012";
    private static MotoServer running;
    private static String missing;

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The running server, emptied of everything an earlier test made, with IAM not enforced and test credentials set. */
    public static MotoServer fresh() {
        MotoServer moto = get();
        moto.post("/moto-api/reset-auth", "inf");
        moto.post("/moto-api/reset", "");
        credentials("AKIDMOTO", "moto-secret");
        return moto;
    }

    /**
     * The running server as it is, for a test that makes resources of its own names (a bucket per store) beside other
     * tests' state; IAM not enforced. Credentials are the caller's.
     */
    public static MotoServer shared() {
        MotoServer moto = get();
        moto.post("/moto-api/reset-auth", "inf");
        return moto;
    }

    /** The credentials every AWS client built from now on signs with (the SDK's default chain reads these properties). */
    public static void credentials(String accessKey, String secretKey) {
        System.setProperty("aws.accessKeyId", accessKey);
        System.setProperty("aws.secretAccessKey", secretKey);
    }

    private static synchronized MotoServer get() {
        if (running == null && missing == null) {
            try {
                running = start();
            } catch (IOException | RuntimeException e) {
                missing = e.getMessage();
            }
        }
        if (running == null) {
            if (Boolean.getBoolean("moto.required") || "true".equals(System.getenv("DRIFTGATE_MOTO_REQUIRED"))) {
                throw new IllegalStateException("moto is required here and did not start: " + missing);
            }
            Assumptions.abort("moto's server is not available (" + missing + "); python3 -m pip install 'moto[server]==5.2.1' runs these tests");
        }
        return running;
    }

    private static MotoServer start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        Process p;
        try {
            p = new ProcessBuilder(List.of("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("python3 could not be started: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port));
        // About 1.3 s here; a loaded runner importing moto's services may take many times that.
        await("moto's server answering on 127.0.0.1:" + port + " (log " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("moto's server exited: " + Files.readString(log).strip());
                    }
                    return server.answers();
                });
        return server;
    }

    public String endpoint() {
        return endpoint.toString();
    }

    /** A CloudFormation stack named {@code name} whose outputs are {@code outputs}, as a deployed infra/ stack would have them. */
    public void stack(String name, Map<String, String> outputs) {
        StringBuilder out = new StringBuilder();
        outputs.forEach((key, value) -> out.append(out.length() == 0 ? "" : ", ").append('"').append(key).append("\": {\"Value\": \"")
                .append(value).append("\"}"));
        try (CloudFormationClient cfn = AwsClientFactory.configure(CloudFormationClient.builder(), "us-east-1", Optional.of(endpoint)).build()) {
            cfn.createStack(b -> b.stackName(name).templateBody("{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {}}},"
                    + " \"Outputs\": {" + out + "}}"));
        }
    }

    /** Stores a Secrets Manager secret named {@code name} holding {@code value}, as an operator would; returns its ARN. */
    public String secret(String name, String value) {
        try (SecretsManagerClient sm = AwsClientFactory.configure(SecretsManagerClient.builder(), "us-east-1", Optional.of(endpoint)).build()) {
            return sm.createSecret(b -> b.name(name).secretString(value)).arn();
        }
    }

    /**
     * From the next call on, IAM policies decide: only the credentials of a user moto knows, and only what its
     * policies allow (moto's {@code reset-auth}); {@link #fresh()} turns it off again.
     */
    public void enforceIam() {
        post("/moto-api/reset-auth", "0");
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto answered " + r.statusCode() + " to POST " + path + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
