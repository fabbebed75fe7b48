package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunRecord;
import com.driftsentry.gate.driver.ledger.LedgerEntry;
import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.StagePolicy;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every decision of the stage runner, against a platform in memory and gates that answer as scripted. */
class StageRunnerTest extends MemoryStageTest {
    @Test
    void everyGatePassingPromotesTheCandidateAndVerifiesIt() throws Exception {
        gates.addAll(List.of(gate("health", Outcome.PASS), gate("smoke", Outcome.PASS), gate("load", Outcome.PASS)));
        platform.checks.add(gate("alarms", Outcome.PASS));
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.PROMOTED, run.outcome());
        assertEquals(ExitCode.PASSED, run.exitCode());
        assertEquals(List.of("deploy 0.2.0", "promote 0.2.0"), platform.actions);
        assertEquals(List.of("health", "smoke", "load", "alarms", "verify 0.2.0"), ran, "the platform's checks run last, then the verification");
        assertEquals(Outcome.PASS, run.verdicts().get(run.verdicts().size() - 1).outcome(), "availability through the whole command");
    }

    @Test
    void aStageThatKeepsNoReleaseJudgesOnlyAndNeitherPromotesNorRestores() throws Exception {
        platform.serving = null;
        platform.policy = StagePolicy.FRESH;
        platform.releaseChecks.add(gate("container", Outcome.PASS));
        // The load takes a while, as a real one does: until the probe has seen the candidate.
        gates.addAll(List.of(gate("health", Outcome.PASS), gate("load", Outcome.PASS, this::untilProbed)));
        RunRecord passed = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.PASS, passed.outcome());
        assertEquals(ExitCode.PASSED, passed.exitCode());
        assertEquals(List.of("container", "health", "load"), ran, "the platform's check of the release first; no verification after");
        assertEquals(List.of("deploy 0.2.0"), platform.actions, "nothing promoted");
        LedgerEntry entry = passed.entry(Map.of(), 0);
        assertTrue(entry.reason().contains("a PR stage keeps no release"), entry.reason());
        assertEquals(null, entry.serving());
        assertEquals(null, entry.logs(), "a passing run carries no logs");
        assertEquals(List.of("container", "health", "load", "availability"), gatesIn(passed), "the probe watched the candidate");

        ran.clear();
        gates.set(0, gate("health", Outcome.FAIL));
        RunRecord failed = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.FAIL, failed.outcome());
        assertEquals(ExitCode.FAILED, failed.exitCode());
        assertEquals(List.of("container", "health"), ran);
        assertTrue(platform.actions.stream().noneMatch(a -> a.startsWith("restore")), "no rollback: " + platform.actions);
        assertTrue(failed.entry(Map.of(), 0).reason().contains("no release to roll back to"));
        assertEquals(Map.of("backend", List.of("the last line the release wrote")), failed.entry(Map.of(), 0).logs());
        assertTrue(failed.markdown().contains("backend, its last 1 log lines:"), failed.markdown());
    }

    @Test
    void theGateAfterAnUntimedOnePreparesWhileItRunsAndWhatIsPreparedButNeverJudgedIsDiscarded() throws Exception {
        gates.addAll(List.of(gate("smoke", Outcome.PASS).noting(false), gate("browser", Outcome.PASS).noting(true),
                gate("contract", Outcome.PASS).noting(false), gate("load", Outcome.PASS).noting(true), gate("after load", Outcome.PASS).noting(false)));
        runner("rollback").deploy(CANDIDATE);
        assertEquals(List.of("prepare browser", "smoke", "browser", "prepare load", "contract", "load", "after load", "verify 0.2.0"),
                ran.stream().filter(e -> !e.startsWith("discard") && !e.startsWith("settle")).toList(),
                "the browser starts while smoke runs; nothing starts while the browser or the load measures time");

        ran.clear();
        gates.set(0, gate("smoke", Outcome.FAIL).noting(false));
        runner("rollback").deploy(CANDIDATE);
        assertTrue(ran.containsAll(List.of("prepare browser", "discard browser")) && !ran.contains("browser"),
                "the browser started for a gate that never judged is closed: " + ran);
    }

    @Test
    void whatAGateWritesAfterItsVerdictIsAwaitedOnceThePromotionOrTheRollbackIsDone() throws Exception {
        gates.addAll(List.of(gate("smoke", Outcome.PASS).noting(false), gate("load", Outcome.PASS).noting(true)));
        runner("rollback").deploy(CANDIDATE);
        assertEquals(List.of("smoke", "load", "verify 0.2.0", "settle smoke", "settle load"),
                ran.stream().filter(e -> !e.startsWith("discard") && !e.startsWith("prepare")).toList(), "Gatling's report is written during the promotion");

        ran.clear();
        platform.close();
        platform = new MemoryPlatform(SERVING);
        gates.set(1, gate("load", Outcome.FAIL).noting(true));
        runner("rollback").deploy(CANDIDATE);
        assertEquals(List.of("smoke", "load", "verify 0.1.0", "settle smoke", "settle load"),
                ran.stream().filter(e -> !e.startsWith("discard") && !e.startsWith("prepare")).toList(), "and during the rollback");

        ran.clear();
        runner("rollback").gateServing();
        assertEquals(List.of("smoke", "load", "settle smoke", "settle load"),
                ran.stream().filter(e -> !e.startsWith("discard") && !e.startsWith("prepare")).toList(), "the gate command settles its gates too");
    }

    @Test
    void aFailedGateStopsTheRolloutAndRollsBackToTheNotedReleaseVerified() throws Exception {
        gates.addAll(List.of(gate("health", Outcome.PASS), gate("smoke", Outcome.FAIL), gate("load", Outcome.PASS)));
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals(List.of("health", "smoke", "verify 0.1.0"), ran, "no gate after the failed one");
        assertEquals(List.of("deploy 0.2.0", "restore 0.1.0"), platform.actions);
        assertTrue(run.title().contains("ROLLED_BACK (0.1.0 → 0.2.0)"), run.title());
        assertTrue(run.entry(Map.of(), 0).reason().contains("smoke: smoke check FAIL: scripted FAIL"));
    }

    @Test
    void anInconclusiveGatePromotesNothingAndExitsFour() throws Exception {
        gates.addAll(List.of(gate("health", Outcome.PASS), gate("load", Outcome.INCONCLUSIVE)));
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(ExitCode.INCONCLUSIVE, run.exitCode());
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome());
        assertTrue(platform.actions.stream().noneMatch(a -> a.startsWith("promote")), platform.actions.toString());
        assertEquals(SERVING, platform.serving);
    }

    @Test
    void onFailureStopLeavesTheServingReleaseAloneAndPromotesNothing() throws Exception {
        gates.add(gate("health", Outcome.FAIL));
        RunRecord run = runner("stop").deploy(CANDIDATE);
        assertEquals(RunOutcome.FAIL, run.outcome());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals(List.of("deploy 0.2.0"), platform.actions, "no promotion, no restore");
    }

    @Test
    void aPromotionThatDoesNotVerifyIsRolledBack() throws Exception {
        gates.add(gate("health", Outcome.PASS));
        verification = release -> release.equals(CANDIDATE) ? Outcome.FAIL : Outcome.PASS;
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome());
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals(List.of("deploy 0.2.0", "promote 0.2.0", "restore 0.1.0"), platform.actions);
        assertEquals(List.of("health", "verify 0.2.0", "verify 0.1.0"), ran);
    }

    @Test
    void aPromotionThePlatformRefusesIsRolledBack() throws Exception {
        gates.add(gate("health", Outcome.PASS));
        platform.promotionRefused = true;
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome());
        assertTrue(gatesIn(run).contains("promote"), gatesIn(run).toString());
    }

    @Test
    void aRollbackThatCannotCompleteIsExitTwoAndNothingMoreIsTried() throws Exception {
        gates.add(gate("health", Outcome.FAIL));
        platform.restoreRefused = true;
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.ROLLBACK_FAILED, run.outcome());
        assertEquals(ExitCode.ROLLBACK_FAILED, run.exitCode());
        assertTrue(run.entry(Map.of(), 0).reason().contains("a person must act"));
        assertEquals(List.of("health"), ran, "no verification of a rollback that did not happen");
    }

    @Test
    void aRollbackThatDoesNotVerifyIsExitTwo() throws Exception {
        gates.add(gate("health", Outcome.FAIL));
        verification = release -> Outcome.FAIL;
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(ExitCode.ROLLBACK_FAILED, run.exitCode());
    }

    @Test
    void aReleaseLostDuringAGateIsNamedFirstAndStopsTheRollout() throws Exception {
        gates.addAll(List.of(gate("smoke", Outcome.FAIL, () -> platform.lostBecause = "release 0.2.0 exited while it was being gated"),
                gate("load", Outcome.PASS)));
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(List.of("release", "smoke"), gatesIn(run).subList(0, 2), "the cause before its symptom");
        assertTrue(run.entry(Map.of(), 0).reason().contains("release: release FAIL: release 0.2.0 exited"));
        assertEquals(List.of("smoke", "verify 0.1.0"), ran);
        assertEquals(ExitCode.FAILED, run.exitCode());
    }

    @Test
    void aCandidateThatNeverBecomesStableIsNotGatedAndIsRolledBack() throws Exception {
        gates.add(gate("health", Outcome.PASS));
        platform.neverStable = true;
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.ROLLED_BACK, run.outcome());
        assertEquals(List.of("verify 0.1.0"), ran);
        assertEquals("deploy", gatesIn(run).get(0));
    }

    @Test
    void withNothingServingBeforeAFailedCandidateIsNotPromotedAndNothingIsRestored() throws Exception {
        platform.serving = null;
        gates.add(gate("health", Outcome.FAIL));
        RunRecord run = runner("rollback").deploy(CANDIDATE);
        assertEquals(RunOutcome.FAIL, run.outcome());
        assertEquals(List.of("deploy 0.2.0"), platform.actions);
    }

    @Test
    void theRollbackCommandRestoresAndVerifiesOrSaysAPersonMustAct() throws Exception {
        RunRecord restored = runner("rollback").rollback(CANDIDATE, SERVING);
        assertEquals(RunOutcome.ROLLED_BACK, restored.outcome());
        assertEquals(ExitCode.PASSED, restored.exitCode());
        platform.restoreRefused = true;
        RunRecord refused = runner("rollback").rollback(CANDIDATE, SERVING);
        assertEquals(RunOutcome.ROLLBACK_FAILED, refused.outcome());
        assertEquals(ExitCode.ROLLBACK_FAILED, refused.exitCode());
    }

    @Test
    void theGateCommandChangesNothingAndFailsWhenNothingServes() throws Exception {
        gates.add(gate("health", Outcome.PASS));
        RunRecord passed = runner("rollback").gateServing();
        assertEquals(ExitCode.PASSED, passed.exitCode());
        assertEquals(List.of(), platform.actions);
        platform.serving = null;
        RunRecord nothing = runner("rollback").gateServing();
        assertEquals(ExitCode.FAILED, nothing.exitCode());
    }
}
