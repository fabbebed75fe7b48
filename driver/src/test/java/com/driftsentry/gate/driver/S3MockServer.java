package com.driftsentry.gate.driver;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * S3Mock 4.11.0 (Adobe's S3 implementation, a Spring Boot application) as a process of its own on a
 * loopback port, one per test JVM: it takes about 6 s to start, and every test uses buckets of its
 * own. Its jar is copied by the build (driver/pom.xml), never put on the test classpath.
 */
final class S3MockServer {
    static final String BUCKET = "driftgate-state";
    private static S3MockServer running;

    private final int port;

    private S3MockServer(int port) {
        this.port = port;
    }

    static synchronized S3MockServer get() throws IOException {
        if (running == null) {
            Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no S3Mock jar at " + jar + " (mvn generate-test-resources copies it)");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path root = Files.createTempDirectory("s3mock");
            Path log = root.resolveSibling(root.getFileName() + ".log");
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=0", "--server.address=127.0.0.1", "--com.adobe.testing.s3mock.http-port=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + root, "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            S3MockServer server = new S3MockServer(port);
            await("S3Mock answering on 127.0.0.1:" + port + " (log " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
                        }
                        return server.answers();
                    });
            running = server;
        }
        return running;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET + "?list-type=2").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
