package com.driftsentry.reference.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded start copies a kept cluster instead of running initdb; every way that can go wrong ends in a working database. */
class PostgresTemplateTest {
    @TempDir
    Path folder;

    @Test
    void aStartMadeFromTheTemplateIsAWorkingDatabaseAndWhatItWritesStaysOutOfTheTemplate() throws Exception {
        PostgresTemplate template = new PostgresTemplate(folder.resolve(PostgresTemplate.NAME));
        try (EmbeddedStores first = EmbeddedStores.start(template)) {
            write(first, "create table kept_apart (n int); insert into kept_apart values (1)");
        }
        assertTrue(Files.exists(folder.resolve(PostgresTemplate.NAME).resolve("PG_VERSION")));
        assertFalse(Files.exists(folder.resolve(PostgresTemplate.NAME).resolve("epg-lock")));
        try (EmbeddedStores second = EmbeddedStores.start(template)) {
            assertEquals(0, read(second, "select count(*) from pg_tables where tablename = 'kept_apart'"));
            write(second, "create table kept_apart (n int)");
        }
    }

    @Test
    void aTemplateThatNoLongerStartsIsDiscardedAndTheStartFallsBackToInitdb() throws Exception {
        Path location = folder.resolve(PostgresTemplate.NAME);
        PostgresTemplate template = new PostgresTemplate(location);
        try (EmbeddedStores ignored = EmbeddedStores.start(template)) {
            assertTrue(Files.exists(location.resolve("PG_VERSION")));
        }
        // A cluster of a major version these binaries cannot read.
        Files.writeString(location.resolve("PG_VERSION"), "9\n");
        try (EmbeddedStores fallback = EmbeddedStores.start(template)) {
            assertEquals(42, read(fallback, "select 41 + 1"));
        }
        assertFalse(Files.exists(location));
        try (EmbeddedStores rebuilt = EmbeddedStores.start(template)) {
            assertEquals(1, read(rebuilt, "select 1"));
        }
        assertEquals("14", Files.readString(location.resolve("PG_VERSION")).trim());
    }

    @Test
    void startsThatBuildTheTemplateAtOnceAllStartAndLeaveOneTemplate() throws Exception {
        PostgresTemplate template = new PostgresTemplate(folder.resolve(PostgresTemplate.NAME));
        List<CompletableFuture<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> {
                try (EmbeddedStores stores = EmbeddedStores.start(template)) {
                    return read(stores, "select 1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Integer> start : starts) {
            assertEquals(1, start.get());
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(PostgresTemplate.NAME), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static void write(EmbeddedStores stores, String sql) throws Exception {
        try (Connection c = connect(stores); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int read(EmbeddedStores stores, String sql) throws Exception {
        try (Connection c = connect(stores); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Connection connect(EmbeddedStores stores) throws Exception {
        return DriverManager.getConnection(stores.databaseUrl().jdbcUrl(), stores.databaseUrl().user(), stores.databaseUrl().password());
    }
}
