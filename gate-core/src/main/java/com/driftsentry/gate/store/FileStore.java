package com.driftsentry.gate.store;

import com.driftsentry.gate.environment.ConfigError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A stage store in a folder (the default; what {@code local} uses). Each write goes to a temporary
 * file moved into place, so a reader sees the old object or the new one, never half of one; the
 * conditional writes check-and-write under an OS lock on the folder's {@code .guard} file, so two
 * processes cannot both win. An object's version is the SHA-256 of its bytes.
 */
public final class FileStore implements StageStore {
    // The OS lock is held per process: threads of one process (the lock renewer, a test) queue here first.
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path root;

    public FileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<Stored> read(String key) {
        try {
            byte[] body = Files.readAllBytes(file(key));
            return Optional.of(new Stored(body, versionOf(body)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(key, e);
        }
    }

    @Override
    public boolean create(String key, byte[] body) {
        return guarded(() -> Files.exists(file(key)) ? false : write(key, body));
    }

    @Override
    public boolean replace(String key, byte[] body, String version) {
        return guarded(() -> read(key).filter(s -> s.version().equals(version)).isPresent() && write(key, body));
    }

    @Override
    public void put(String key, byte[] body) {
        guarded(() -> write(key, body));
    }

    @Override
    public boolean delete(String key, String version) {
        return guarded(() -> {
            Optional<Stored> now = read(key);
            if (now.isPresent() && !now.get().version().equals(version)) {
                return false;
            }
            Files.deleteIfExists(file(key));
            return true;
        });
    }

    @Override
    public List<String> list(String folder) {
        Path dir = file(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw unreadable(folder, e);
        }
    }

    @Override
    public String where(String key) {
        return file(key).toString();
    }

    private Path file(String key) {
        return root.resolve(key);
    }

    private boolean write(String key, byte[] body) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(tmp, body);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private interface Action<T> {
        T run() throws IOException;
    }

    private <T> T guarded(Action<T> action) {
        Path guard = root.resolve(".guard");
        synchronized (MONITORS.computeIfAbsent(guard, g -> new Object())) {
            try {
                Files.createDirectories(root);
                try (FileChannel ch = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = ch.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new ConfigError("state.path: the stage store " + root + " cannot be written (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ") (fix: a folder this user may write, on a local disk)");
            }
        }
    }

    private ConfigError unreadable(String key, IOException e) {
        return new ConfigError("state.path: the stage store's " + file(key) + " cannot be read (" + e.getClass().getSimpleName()
                + ") (fix: check the folder's permissions)");
    }

    private static String versionOf(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
