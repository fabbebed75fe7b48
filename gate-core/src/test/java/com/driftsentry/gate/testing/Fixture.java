package com.driftsentry.gate.testing;

/**
 * A test's change to a fixture (an environment file, a spec, a template): each text to replace must be there, or the
 * test stops naming it. {@code String.replace} does nothing when the fixture moves on, and the test then passes on
 * the unchanged file.
 */
public final class Fixture {
    private Fixture() {
    }

    /** {@code text} with each {@code from} replaced by the {@code to} after it (in pairs, in order); each {@code from} must occur. */
    public static String edit(String text, String... fromTo) {
        if (fromTo.length % 2 != 0) {
            throw new IllegalArgumentException("edits come in pairs: from, to");
        }
        String edited = text;
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!edited.contains(fromTo[i])) {
                throw new AssertionError("the fixture has no " + quoted(fromTo[i]) + " to replace (did the fixture change?):\n" + edited);
            }
            edited = edited.replace(fromTo[i], fromTo[i + 1]);
        }
        return edited;
    }

    private static String quoted(String s) {
        return "'" + s.replace("\n", "\\n") + "'";
    }
}
