package com.driftsentry.gate.environment;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text files the gates read (environment files, the ledger) with a bound on what is read: a file
 * or a line larger than any real one, or bytes that are not UTF-8, are one line of bad input
 * naming the file and the fix, never an out-of-memory error or a stack trace.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** The whole file, when it is at most {@code maxBytes} of UTF-8. */
    public static String read(Path file, long maxBytes, String fix) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ConfigError(file + ": is " + bytes(size) + ", more than the " + bytes(maxBytes) + " such a file may be (fix: " + fix + ")");
            }
            return decode(Files.readAllBytes(file), file + ": is not UTF-8 text (fix: " + fix + ")");
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot be read (" + e.getClass().getSimpleName() + ") (fix: " + fix + ")");
        }
    }

    /** The file's lines; a line longer than {@code maxLineBytes}, or text that is not UTF-8, is refused with its line number. */
    public static List<String> lines(Path file, int maxLineBytes, String fix) {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    lines.add(decode(line, lines.size() + 1, file, fix));
                } else if (line.size() == maxLineBytes) {
                    throw new ConfigError(file + ": line " + (lines.size() + 1) + " is longer than " + String.format(Locale.ROOT, "%,d", maxLineBytes)
                            + " bytes, more than any such line may be (fix: " + fix + ")");
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot be read (" + e.getClass().getSimpleName() + ") (fix: " + fix + ")");
        }
        if (line.size() > 0) {
            lines.add(decode(line, lines.size() + 1, file, fix));
        }
        return lines;
    }

    private static String decode(ByteArrayOutputStream line, int number, Path file, String fix) {
        String text = decode(line.toByteArray(), file + ": line " + number + " is not UTF-8 text (fix: " + fix + ")");
        line.reset();
        return text;
    }

    private static String decode(byte[] bytes, String notUtf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigError(notUtf8);
        }
    }

    private static String bytes(long n) {
        return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0) : String.format(Locale.ROOT, "%,d bytes", n);
    }
}
