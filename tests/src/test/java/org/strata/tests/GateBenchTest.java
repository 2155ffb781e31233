package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata bench gate} on UMLS, which ships no negatives: hard ones are made, and every triple is counted. */
class GateBenchTest {

    @TempDir
    Path dir;

    @Test
    void tripleClassification_countsEveryTestTriple_andTheRulesBeatChance() throws Exception {
        Path json = dir.resolve("gate.json");
        Cli.Run run = Cli.run("bench", "gate", "--data", Data.umls().toString(), "--seconds", "2",
                "--combine-seconds", "15", "--json", json.toString());
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("hard negatives by type-consistent corruption"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(7, report.get("scorers").size(), "best rule, learned combination, two fused, trees, fused and trees "
                + "with closeness: " + report);
        // the gate's scorer is fixed (every kind of evidence, by trees), whatever the figures; the best valid cv is
        // the fused row with the highest cross-validated accuracy on validation
        assertEquals("rules + cardinality + closeness: trees", report.get("gateScorer").asText());
        double best = -1;
        String bestName = null;
        for (JsonNode row : report.get("scorers")) {
            if (!row.get("validCrossValidated").isNull() && row.get("validCrossValidated").asDouble() > best) {
                best = row.get("validCrossValidated").asDouble();
                bestName = row.get("scorer").asText();
            }
        }
        assertEquals(bestName, report.get("bestValidCrossValidated").asText());
        assertTrue(run.out().contains("the gate's scorer: rules + cardinality + closeness: trees, test accuracy "),
                run.out());
        for (JsonNode row : report.get("scorers")) {
            JsonNode test = row.get("test");
            long counted = test.get("truePositives").asLong() + test.get("falsePositives").asLong()
                    + test.get("trueNegatives").asLong() + test.get("falseNegatives").asLong();
            assertEquals(2 * 661, counted, "661 test facts and as many negatives: " + row);
            assertEquals(2 * 661, test.get("triples").asInt());
            long perRelation = 0;
            for (JsonNode r : test.get("perRelation")) {
                perRelation += r.get("triples").asLong();
            }
            assertEquals(2 * 661, perRelation, "the relations' counts add up");
            // half the triples are false: a scorer that knows nothing stays near 0.5
            assertTrue(test.get("accuracy").asDouble() > 0.6, row.get("scorer") + ": " + test);
        }
    }
}
