package com.driftsentry.gate.criteria;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.VerdictLine;

/** One threshold turned into a judgement of evidence. One implementation per kind of metric. */
public interface Criterion {
    VerdictLine judge(Evidence evidence);
}
