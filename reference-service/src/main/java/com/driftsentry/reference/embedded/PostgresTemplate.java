package com.driftsentry.reference.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An initialised, cleanly shut down PostgreSQL cluster kept in the temporary folder, copied into
 * each embedded start's data directory instead of running {@code initdb} every time (about 1 s of
 * each start; the copy takes under 0.1 s). Made once per machine by whichever start needs it first;
 * concurrent starts each build one and the first to rename it into place wins, so no start ever
 * sees half a template. A template that no longer starts (another PostgreSQL major version, a
 * damaged file) is discarded and the start falls back to {@code initdb}; see {@link EmbeddedStores}.
 */
final class PostgresTemplate {
    // The name changes when what initdb is asked for changes, so an old template is never reused.
    static final String NAME = "driftsentry-pg-template-v1";
    // Left by the run that built the template; a copy must start without them.
    private static final String[] RUN_FILES = {"epg-lock", "postmaster.pid", "postmaster.opts"};

    private final Path location;

    PostgresTemplate(Path location) {
        this.location = location;
    }

    static PostgresTemplate inTemporaryFolder() {
        return new PostgresTemplate(Path.of(System.getProperty("java.io.tmpdir"), NAME));
    }

    /** Fills the empty {@code dataDir} with the template, building the template first when there is none. */
    void copyInto(Path dataDir) throws IOException {
        if (!Files.isRegularFile(location.resolve("PG_VERSION"))) {
            build();
        }
        Files.walkFileTree(location, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = dataDir.resolve(location.relativize(dir).toString());
                if (!Files.isDirectory(to)) {
                    Files.copy(dir, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, dataDir.resolve(location.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        // PostgreSQL refuses a data directory others can read; the temporary folder's own is 0700 already.
        Files.setPosixFilePermissions(dataDir, Files.getPosixFilePermissions(location));
    }

    /** Removes the template (the next start builds a new one). */
    void discard() {
        deleteQuietly(location);
    }

    private void build() throws IOException {
        Path building = Files.createTempDirectory(location.getParent(), NAME + "-building-");
        try {
            // initdb, then one clean start and stop: the copy starts as a cluster that was shut down cleanly.
            EmbeddedPostgres.builder().setDataDirectory(building).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1").start().close();
            for (String runFile : RUN_FILES) {
                Files.deleteIfExists(building.resolve(runFile));
            }
            Files.move(building, location, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // Another start put its template in place first: use that one (rename(2) says "Directory not empty").
            if (!Files.isRegularFile(location.resolve("PG_VERSION"))) {
                throw e;
            }
        } finally {
            deleteQuietly(building);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover in the temporary folder is harmless
        }
    }
}
