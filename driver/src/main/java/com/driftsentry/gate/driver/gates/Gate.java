package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.verdict.Verdict;

/** One step of the stage's judgement (health and version, smoke, contract, load, alarms, budget): it returns a verdict, never throws. */
public interface Gate {
    String name();

    Verdict judge();
}
