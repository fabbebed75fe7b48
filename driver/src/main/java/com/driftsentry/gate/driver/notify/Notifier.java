package com.driftsentry.gate.driver.notify;

/** Somewhere a finished command's verdict table goes (a Slack channel, the GitHub job summary). Never fails the command. */
public interface Notifier {
    /** {@code markdown}: already masked. Returns a line for the console saying what happened. */
    String send(String title, String markdown);
}
