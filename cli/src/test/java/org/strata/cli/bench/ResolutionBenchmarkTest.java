package org.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entity-resolution benchmark's counting, on a small name list whose answers are known. */
class ResolutionBenchmarkTest {

    @Test
    void benchmark_reachesThePrecisionGoal_onASmallNameList() {
        Map<String, String> names = new LinkedHashMap<>();
        String[] sample = {"Jeremy Irons", "Schleswig-Holstein", "Gary Rydstrom", "Academy Award for Best Actor",
            "Tobacco mosaic virus", "Kingdom of Denmark", "University of Cambridge", "New York City",
            "Los Angeles Lakers", "Johann Sebastian Bach", "Super Bowl XLII", "Marie Curie"};
        for (int i = 0; i < 20; i++) {
            for (String n : sample) {
                names.put("e" + names.size(), n + " " + (char) ('A' + i) + (char) ('a' + i) + "x");
            }
        }
        ResolutionBenchmark.Result res = ResolutionBenchmark.run(names, 1);
        assertTrue(res.positives() > 500, "queries: " + res.positives());
        // the resolver's goal (README, entity resolution): precision at least 0.98
        assertTrue(res.total().precision() >= 0.98, "precision " + res.total().precision());
        ResolutionBenchmark.Tally caseOnly = res.byKind().get("case");
        assertEquals(1.0, caseOnly.recall(caseOnly.queries), "a name that differs only in case is always found");
    }
}
