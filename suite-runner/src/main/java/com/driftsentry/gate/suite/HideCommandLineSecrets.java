package com.driftsentry.gate.suite;

import com.driftsentry.gate.environment.CommandLineSecrets;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Registered with the JUnit Platform: when a launcher session opens (before Surefire or Failsafe
 * records the system properties of any test set), a key given as {@code -Dgate.apiKey} is taken out
 * of the system properties, so no test report can show it.
 */
public final class HideCommandLineSecrets implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        CommandLineSecrets.hide();
    }
}
