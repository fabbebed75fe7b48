package com.driftsentry.gate.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * The Java preferences of a Gatling JVM the gate starts ({@code -Djava.util.prefs.PreferencesFactory=} this class, see
 * {@link #JVM_OPTION}): in memory, never written, with Gatling's latest-version node saying a check has just succeeded
 * and found the release that runs. Gatling 3.15 otherwise asks Maven Central on every run (it writes its answer under the
 * wrong key, so the kept answer never reads back): a call out of every gate, about 1 s of each start with the XML write
 * of the preferences file, and a timeout on runners without a way out. The Gatling version is pinned in the build, so
 * the check has nothing to tell a gate run.
 */
public final class PinnedGatlingPreferences implements PreferencesFactory {
    /** The JVM switch that makes a Gatling JVM use these preferences. */
    public static final String JVM_OPTION = "-Djava.util.prefs.PreferencesFactory=" + PinnedGatlingPreferences.class.getName();
    /** The node {@code io.gatling.commons.util.LatestGatlingRelease} reads its last check from. */
    private static final String GATLING_NODE = "io/gatling/latestVersion";

    private final Preferences userRoot = new Node(null, "");
    private final Preferences systemRoot = new Node(null, "");

    public PinnedGatlingPreferences() {
        Properties running = runningRelease();
        if (running.getProperty("version") != null && running.getProperty("release-date") != null) {
            Preferences latest = userRoot.node(GATLING_NODE);
            latest.putLong("lastCheckTimestamp", System.currentTimeMillis());
            latest.putBoolean("lastCheckSuccess", true);
            latest.put("latestReleaseNumber", running.getProperty("version"));
            latest.put("latestReleaseDate", running.getProperty("release-date"));
        }
        // else: a Gatling that no longer says its version this way checks as it would, and nothing is kept
    }

    /** The version and release date Gatling's own jar states (gatling-commons' {@code gatling-version.properties}). */
    private static Properties runningRelease() {
        Properties release = new Properties();
        try (InputStream in = PinnedGatlingPreferences.class.getClassLoader().getResourceAsStream("gatling-version.properties")) {
            if (in != null) {
                release.load(in);
            }
        } catch (IOException e) {
            // as if absent
        }
        return release;
    }

    @Override
    public Preferences userRoot() {
        return userRoot;
    }

    @Override
    public Preferences systemRoot() {
        return systemRoot;
    }

    /** A preferences node held in a map, gone with the JVM. */
    private static final class Node extends AbstractPreferences {
        private final Map<String, String> values = new HashMap<>();

        Node(Node parent, String name) {
            super(parent, name);
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {
            values.clear();
        }

        @Override
        protected String[] keysSpi() {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        protected String[] childrenNamesSpi() {
            return new String[0]; // AbstractPreferences keeps the children made so far, and names them itself
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            return new Node(this, name);
        }

        @Override
        protected void syncSpi() {
            // nothing is kept outside this JVM
        }

        @Override
        protected void flushSpi() {
            // nothing is kept outside this JVM
        }
    }
}
