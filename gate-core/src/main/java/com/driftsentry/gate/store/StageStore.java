package com.driftsentry.gate.store;

import java.util.List;
import java.util.Optional;

/**
 * Where a stage's state lives between runners: a few small objects by key (the ledger, the lock,
 * the open intent, the baseline) and the evidence history. Every write replaces an object whole,
 * and the conditional ones ({@link #create}, {@link #replace}, {@link #delete}) are what make
 * concurrent runners safe: a writer that lost a race learns it and reads again, it never
 * overwrites what it did not see. S3 does this with {@code If-None-Match} / {@code If-Match} on
 * ETags; a folder with an OS lock.
 */
public interface StageStore extends AutoCloseable {
    /** An object's bytes and the version they were read at (an ETag, or a content hash). */
    record Stored(byte[] body, String version) {
    }

    Optional<Stored> read(String key);

    /** Writes {@code body} only if {@code key} does not exist; false when it does. */
    boolean create(String key, byte[] body);

    /** Writes {@code body} only if {@code key} is still at {@code version}; false when it changed or is gone. */
    boolean replace(String key, byte[] body, String version);

    /** Writes {@code body} whatever is there: for objects only the lock holder writes, or that are never rewritten. */
    void put(String key, byte[] body);

    /** Removes {@code key} only if it is still at {@code version}; false when it changed (a missing key counts as removed). */
    boolean delete(String key, String version);

    /** The keys under {@code folder} (e.g. "evidence/"), in key order. */
    List<String> list(String folder);

    /** Where a person finds {@code key}: a path, or an {@code s3://} address. */
    String where(String key);

    @Override
    default void close() {
    }
}
