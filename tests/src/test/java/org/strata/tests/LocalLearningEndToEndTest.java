package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local learning as a user runs it: {@code strata learn} with the phase rule and with backprop on UMLS,
 * the shared evaluation of the weights, and the errors for weights that do not fit.
 */
class LocalLearningEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void learnWithThePhaseRuleAndWithBackprop_thenEvaluate_onUmls() throws Exception {
        String umls = Data.umls().toString();
        Path baseline = dir.resolve("frequency.json");
        assertEquals(0, Cli.run("eval", "--data", umls, "--scorer", "frequency", "--json", baseline.toString(),
                "--progress", "none").code());
        double frequency = new ObjectMapper().readTree(baseline.toFile()).get("mrr").asDouble();
        double[] mrr = new double[2];
        String[] rules = {"phase", "bptt"};
        for (int i = 0; i < 2; i++) {
            Path weights = dir.resolve(rules[i] + ".bin");
            Cli.Run learn = Cli.run("learn", "--data", umls, "--rule", rules[i], "--epochs", "8", "--queries", "4000",
                    "--out", weights.toString(), "--progress", "none");
            assertEquals(0, learn.code(), learn.toString());
            assertTrue(learn.out().contains("epoch 8: cost"), learn.out());
            assertTrue(Files.size(weights) > 0);
            Path json = dir.resolve(rules[i] + ".json");
            Cli.Run eval = Cli.run("eval", "--data", umls, "--scorer", "spread", "--weights", weights.toString(),
                    "--json", json.toString(), "--progress", "none");
            assertEquals(0, eval.code(), eval.toString());
            JsonNode result = new ObjectMapper().readTree(json.toFile());
            assertEquals(2 * 661, result.get("queries").asInt());
            mrr[i] = result.get("mrr").asDouble();
            // the start values (every gate 0.5, every bias 0.01) rank UMLS test answers at MRR 0.17; eight
            // short epochs must lift both learners past the frequency baseline, which ignores the query entity
            assertTrue(mrr[i] > frequency, rules[i] + ": " + mrr[i] + ", frequency baseline " + frequency);
        }
        assertTrue(Math.abs(mrr[0] - mrr[1]) < 0.005, "the phase rule follows backprop: " + mrr[0] + " vs " + mrr[1]);
    }

    @Test
    void weightsThatDoNotFit_areRefusedWithTheFileNamed() throws Exception {
        Path bogus = dir.resolve("bogus.bin");
        Files.writeString(bogus, "not weights");
        Cli.Run bad = Cli.run("eval", "--data", Data.umls().toString(), "--scorer", "spread", "--weights",
                bogus.toString(), "--progress", "none");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains(bogus + ": not a Strata spread-weights file"), bad.err());
        Cli.Run missing = Cli.run("eval", "--data", Data.umls().toString(), "--scorer", "spread", "--progress", "none");
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("--weights"), missing.err());
    }
}
