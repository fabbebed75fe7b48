package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gatling JVM driftgate's load gate starts ({@link GatlingJvm}) asks nobody for Gatling's latest version. Its HTTPS
 * goes to a proxy on loopback that only records what reaches it, so nothing leaves this machine: the same JVM without
 * {@link PinnedGatlingPreferences} is the control, and its CONNECT to Maven Central shows the trap would catch the call.
 * Gatling checks before it loads the simulation; the unknown environment then ends each run (exit 3).
 */
class PinnedGatlingPreferencesTest {
    @TempDir
    Path work;

    @Test
    void theLoadGatesGatlingAsksNoOneForItsLatestVersion() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(3, run(trap, true), "the gate's Gatling JVM ends on the unknown environment");
            assertEquals(List.of(), connections(trap), "what reached the proxy from the gate's Gatling JVM");

            assertEquals(3, run(trap, false), "the control ends on the unknown environment");
            List<String> control = connections(trap);
            assertTrue(control.stream().anyMatch(line -> line.startsWith("CONNECT repo1.maven.org:443")),
                    "the control's Gatling asks Maven Central through the proxy; the proxy saw " + control);
        }
    }

    private int run(ServerSocket trap, boolean pinned) throws Exception {
        List<String> proxy = List.of("https.proxyHost=127.0.0.1", "https.proxyPort=" + trap.getLocalPort(),
                // the control's own preferences in a fresh folder, not this user's
                "java.util.prefs.userRoot=" + Files.createTempDirectory(work, "prefs"));
        ProcessBuilder pb = GatlingJvm.of("no-such-environment", "ApiMixSimulation", "http://127.0.0.1:9", null, work, proxy);
        if (!pinned) {
            assertTrue(pb.command().remove(PinnedGatlingPreferences.JVM_OPTION), "the switch is on the gate's command line");
        }
        Process gatling = pb.redirectOutput(work.resolve(pinned ? "pinned.log" : "control.log").toFile()).start();
        if (!gatling.waitFor(120, TimeUnit.SECONDS)) {
            gatling.destroyForcibly();
            throw new AssertionError("Gatling did not end within 120 s");
        }
        return gatling.exitValue();
    }

    /** The first line of each connection made to the trap so far: the JVM has ended, so all are in its backlog. */
    private static List<String> connections(ServerSocket trap) throws IOException {
        List<String> lines = new ArrayList<>();
        trap.setSoTimeout(500);
        while (true) {
            try (Socket s = trap.accept()) {
                s.setSoTimeout(2_000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                lines.add(String.valueOf(line));
            } catch (SocketTimeoutException noMore) {
                return lines;
            }
        }
    }
}
