package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.verdict.ExitCode;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Break the stage's lock by hand (its holder is gone and you will not wait for it to expire); the ledger records who did.")
final class UnlockCommand extends CommandSupport {
    @Override
    int execute() {
        // The ledger must be able to record who broke the lock: a damaged one is refused before the lock is touched.
        ledger.entries();
        Optional<StageLock.Holder> broken = StageLock.breakLock(store);
        if (broken.isEmpty()) {
            out.println("nothing to unlock: no command holds the lock of " + env.name());
            return ExitCode.PASSED.code();
        }
        return finish(RunRecord.unlocked(env.name(), "broke the stage lock held by " + broken.get().describe(Instant.now())));
    }
}
