package com.driftsentry.gate.driver;

import com.driftsentry.gate.store.FileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One racer of {@code StageStoreTest}'s cross-process race: waits for the start file, then tries
 * to create the key in the folder store, and prints "won" or "lost". Its own JVM, so the folder's
 * OS lock (not a monitor inside one JVM) is what decides.
 */
public final class StoreRace {
    private StoreRace() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path start = root.resolveSibling("start");
        // Said before the spin, so that the test starts the race once every racer is waiting at the line.
        Files.createDirectories(root.resolveSibling("ready"));
        Files.writeString(root.resolveSibling("ready").resolve(Long.toString(ProcessHandle.current().pid())), "ready");
        long end = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(start) && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        boolean won = new FileStore(root).create("lock.json", ("racer " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
        System.out.println(won ? "won" : "lost");
    }
}
