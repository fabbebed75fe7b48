package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "gate", mixinStandardHelpOptions = true, description = "Run the gates against the release serving now; change nothing.")
final class GateCommand extends CommandSupport {
    @Override
    int execute() {
        Path work = workDir("gate");
        try (Platform platform = Platforms.create(env, ledger.serving(), Map.of(), work)) {
            return finish(new StageRunner(env, platform, StageGates.of(env, work), progress).gateServing());
        }
    }
}
