package com.driftsentry.gate.driver;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --compose-file}: compose files added after the environment's own (the offline override on a machine without a registry). */
final class ComposeFiles {
    @Option(names = "--compose-file", paramLabel = "FILE",
            description = "compose: a file added after platform.composeFiles, e.g. environments/compose/docker-compose.offline.yml; repeatable")
    List<Path> files = new ArrayList<>();

    List<Path> checked(Environment env) {
        if (!files.isEmpty() && !env.deploy().platform().readsComposeFiles()) {
            throw new ConfigError("--compose-file: only the compose platform reads compose files (" + env.name() + " is "
                    + env.deploy().platform().type() + ")");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ConfigError("--compose-file: no file " + ConfigError.quote(f.toString())
                        + " (fix: e.g. environments/compose/docker-compose.offline.yml)");
            }
        }
        return files.stream().map(Path::toAbsolutePath).toList();
    }
}
