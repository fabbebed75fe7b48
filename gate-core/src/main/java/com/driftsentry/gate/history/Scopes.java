package com.driftsentry.gate.history;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The scopes a history can be judged in: "global" and every request group its runs recorded. */
final class Scopes {
    private Scopes() {
    }

    static Set<String> of(List<ChangeRule.Run> runs) {
        Set<String> groups = new TreeSet<>();
        runs.forEach(r -> groups.addAll(r.evidence().groups().keySet()));
        Set<String> all = new LinkedHashSet<>();
        all.add("global");
        all.addAll(groups);
        return all;
    }
}
