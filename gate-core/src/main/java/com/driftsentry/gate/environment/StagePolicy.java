package com.driftsentry.gate.environment;

/**
 * What a stage keeps between commands, and so whom the availability probe watches while a command runs. The platform
 * supplies it (from its settings); the stage runner follows it and decides nothing from a platform's kind.
 */
public enum StagePolicy {
    /** Every run starts from nothing (compose, a PR stage): no release is noted, promoted or restored; the probe watches the candidate once it is up. */
    FRESH(false, true, false),
    /** Nothing runs between commands (a gate-only ECS stage): releases are kept and restored, the probe watches what the command runs, and the stage rests after. */
    RESTING(true, true, true),
    /** Users are served throughout (embedded, ECS): the probe watches the stage's address from the start of a command to its end. */
    SERVING(true, false, false);

    private final boolean keepsReleases;
    private final boolean watchesCandidate;
    private final boolean rests;

    StagePolicy(boolean keepsReleases, boolean watchesCandidate, boolean rests) {
        this.keepsReleases = keepsReleases;
        this.watchesCandidate = watchesCandidate;
        this.rests = rests;
    }

    /** False where every run starts from nothing: no lock to take, no intent to open, nothing to roll back to. */
    public boolean keepsReleases() {
        return keepsReleases;
    }

    /** True where no users are served during a command: the probe starts once the candidate (or the woken release) is up. */
    public boolean watchesCandidate() {
        return watchesCandidate;
    }

    /** True where the stage goes back to no tasks after each command. */
    public boolean rests() {
        return rests;
    }
}
