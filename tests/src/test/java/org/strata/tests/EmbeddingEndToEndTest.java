package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.strata.graph.store.StoreDump;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings as a user works with them: train, evaluate with the shared protocol, propose new facts. */
class EmbeddingEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void trainEvaluatePropose_onUmls() throws Exception {
        String umls = Data.umls().toString();
        Path model = dir.resolve("umls.bin");
        Path trainJson = dir.resolve("train.json");
        Cli.Run train = Cli.run("train", "--data", umls, "--model", "complex", "--dim", "64", "--epochs", "6",
                "--batch", "256", "--seed", "3", "--out", model.toString(), "--json", trainJson.toString(),
                "--progress", "none");
        assertEquals(0, train.code(), train.toString());
        assertTrue(train.out().contains("epoch   6/6"), train.out());
        assertTrue(train.out().contains("activation memory"), train.out());
        JsonNode report = new ObjectMapper().readTree(trainJson.toFile());
        assertEquals(6, report.get("epochs").size());
        assertTrue(report.get("activationBytes").asLong() > 0);
        // the loss falls from the first epoch to the last
        assertTrue(report.get("epochs").get(5).get("loss").asDouble() < report.get("epochs").get(0).get("loss").asDouble());

        Path evalJson = dir.resolve("eval.json");
        Cli.Run eval = Cli.run("eval", "--data", umls, "--scorer", "embedding", "--model", model.toString(), "--json",
                evalJson.toString(), "--progress", "none");
        assertEquals(0, eval.code(), eval.toString());
        JsonNode result = new ObjectMapper().readTree(evalJson.toFile());
        assertEquals(2 * 661, result.get("queries").asInt());
        // six epochs of ComplEx reach about 0.8 on UMLS; the frequency baseline is 0.66
        assertTrue(result.get("mrr").asDouble() > 0.7, result.toString());

        Cli.Run propose = Cli.run("propose", "--model", model.toString(), "--data", umls, "--top", "5",
                "--relation", "isa", "--progress", "none");
        assertEquals(0, propose.code(), propose.toString());
        long lines = propose.out().lines().filter(l -> l.matches("\\s+0\\.\\d{4}  .+  isa  .+")).count();
        assertEquals(5, lines, propose.out());
    }

    /** Why the CUDA engine cannot open here, or null when it can (a GPU machine). */
    private static String cudaUnavailable() {
        try (org.strata.gpu.engine.cuda.CudaEngine e = org.strata.gpu.engine.cuda.CudaEngine.open()) {
            return null;
        } catch (org.strata.gpu.engine.EngineUnavailableException e) {
            return e.getMessage();
        }
    }

    @Test
    void cudaWithoutADriver_isRefused_andSaysWhy() {
        String why = cudaUnavailable();
        Assumptions.assumeTrue(why != null, "skipped: a CUDA engine opens here, so the refusal cannot be seen "
                + "(cudaOnAGpu_trainsAModel covers this machine)");
        Path out = dir.resolve("never.bin");
        Cli.Run cuda = Cli.run("train", "--data", Data.umls().toString(), "--engine", "cuda", "--out", out.toString());
        assertEquals(2, cuda.code(), cuda.toString());
        assertTrue(cuda.err().contains("--engine cuda: "), cuda.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void cudaOnAGpu_trainsAModel() {
        String why = cudaUnavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped, no CUDA engine here: " + why);
        Path out = dir.resolve("cuda.bin");
        Cli.Run cuda = Cli.run("train", "--data", Data.umls().toString(), "--engine", "cuda", "--epochs", "2",
                "--out", out.toString(), "--progress", "none");
        assertEquals(0, cuda.code(), cuda.toString());
        assertTrue(Files.isRegularFile(out), "the model file is written");
    }

    @Test
    void badModelFiles_sayWhatIsWrong() throws Exception {
        String umls = Data.umls().toString();
        Path bad = dir.resolve("bad.bin");
        Files.writeString(bad, "this is a text file, not a model");
        Cli.Run eval = Cli.run("eval", "--data", umls, "--scorer", "embedding", "--model", bad.toString());
        assertEquals(2, eval.code(), eval.toString());
        assertTrue(eval.err().contains(bad.toString()) && eval.err().contains("not a Strata model file"), eval.err());
    }

    @Test
    void proposals_goThroughTheGate_intoTheStore_andUndo() throws Exception {
        Path store = dir.resolve("store");
        String st = store.toString();
        assertEquals(0, Cli.run("import", "--store", st, Data.umls().resolve("train.txt").toString()).code());
        Path model = dir.resolve("umls.bin");
        assertEquals(0, Cli.run("train", "--data", Data.umls().toString(), "--epochs", "2", "--out", model.toString(),
                "--progress", "none").code());
        StoreDump before;
        try (org.strata.graph.store.GraphStore s = org.strata.graph.store.Stores.open(
                org.strata.graph.store.StoreSpec.embedded(store))) {
            before = org.strata.graph.store.StoreDump.of(s);
        }
        Cli.Run admit = Cli.run("propose", "--model", model.toString(), "--store", st, "--top", "25", "--admit");
        assertEquals(0, admit.code(), admit.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("written as delta (d\\d+)").matcher(admit.out());
        assertTrue(m.find(), admit.out());
        Cli.Run stats = Cli.run("history", "--store", st);
        assertTrue(stats.out().contains("admit"), stats.out());
        assertEquals(0, Cli.run("undo", "--store", st, m.group(1)).code());
        try (org.strata.graph.store.GraphStore s = org.strata.graph.store.Stores.open(
                org.strata.graph.store.StoreSpec.embedded(store))) {
            assertEquals(before, org.strata.graph.store.StoreDump.of(s));
        }
        Cli.Run wrong = Cli.run("propose", "--model", model.toString(), "--data", Data.umls().toString(), "--admit");
        assertEquals(2, wrong.code(), wrong.toString());
    }
}
