package com.driftsentry.gate.driver;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/**
 * driftgate run in this JVM with its output captured through picocli's own writers (System.out and System.err are
 * never touched): {@code stdout} is what a pipeline parses, {@code stderr} the progress and errors, {@code all} both
 * as a person sees them, in order.
 */
record CliRun(int code, String stdout, String stderr, String all) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StringWriter all = new StringWriter();
        int code = Driftgate.run(new PrintWriter(new Both(out, all), true), new PrintWriter(new Both(err, all), true), args);
        return new CliRun(code, out.toString(), err.toString(), all.toString());
    }

    /** Writes to its own buffer and to the shared one. */
    private static final class Both extends Writer {
        private final Writer own;
        private final Writer shared;

        Both(Writer own, Writer shared) {
            this.own = own;
            this.shared = shared;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            synchronized (shared) {
                ((StringWriter) own).write(chars, offset, length);
                ((StringWriter) shared).write(chars, offset, length);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
