package com.driftsentry.gate.evidence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvidenceSummaryTest {

    @Test
    void printsEachGroupAndAllTogetherWithPercentiles() {
        Evidence e = new Evidences().add("drifts", 99, 20, 200).add("drifts", 1, 900, 500).add("dashboard", 50, 5, 200).build();
        String table = EvidenceSummary.render(e);
        assertTrue(table.lines().count() == 4, table);
        assertTrue(table.matches("(?s).*drifts\\s+100\\s+1\\s+20\\s+20\\s+20\\s+900\\s+900.*"), table);
        assertTrue(table.matches("(?s).*\\(all\\)\\s+150\\s+1\\s.*"), table);
    }
}
