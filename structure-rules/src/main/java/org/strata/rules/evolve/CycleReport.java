package org.strata.rules.evolve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one evolution cycle did and measured: per step its delta (null in a dry run) and counts, the
 * community sizes per level, states per kind, the gate's decisions, and stability against the previous
 * cycle (adjusted Rand index of level 0, community ids kept, rule churn, share of STABLE facts).
 */
public record CycleReport(int cycle, boolean dryRun, Map<String, String> deltas, Map<String, Map<String, Long>> counts,
                          List<List<Integer>> communitySizes, Map<String, Map<String, Long>> states,
                          Map<String, Long> gate, Map<String, Double> stability, Map<String, Double> seconds,
                          List<String> examples) {

    /** Everything as plain maps and lists, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle", cycle);
        m.put("dryRun", dryRun);
        m.put("deltas", deltas);
        m.put("counts", counts);
        m.put("communitySizes", communitySizes);
        m.put("states", states);
        m.put("gate", gate);
        m.put("stability", stability);
        m.put("seconds", seconds);
        m.put("examples", examples);
        return m;
    }
}
