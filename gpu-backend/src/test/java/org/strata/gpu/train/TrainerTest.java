package org.strata.gpu.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.io.InputException;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.gpu.engine.cpu.CpuEngine;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.model.ModelKind;

/** Training on a tiny graph: the loss falls, the result is reproducible, and a saved model scores the same. */
class TrainerTest {

    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** A small graph with regular structure: a chain of "next" edges, their inverses, and a parity per node. */
    static Dataset tinyDataset(Path dir) throws Exception {
        List<String> train = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        List<String> test = new ArrayList<>();
        int n = 24;
        for (int i = 0; i < n - 1; i++) {
            String a = "n" + i;
            String b = "n" + (i + 1);
            train.add(a + "\tnext\t" + b);
            (i % 6 == 0 ? valid : i % 6 == 3 ? test : train).add(b + "\tprev\t" + a);
            train.add(a + "\ttype\t" + (i % 2 == 0 ? "even" : "odd"));
        }
        Files.write(dir.resolve("train.txt"), train);
        Files.write(dir.resolve("valid.txt"), valid);
        Files.write(dir.resolve("test.txt"), test);
        return Dataset.load(dir);
    }

    static TrainResult train(Dataset data, ModelKind kind, Optimizer optimizer, long seed, int epochs) {
        TrainParameters p = new TrainParameters(kind, 8, epochs, 16, optimizer == Optimizer.ADAM ? 0.02 : 0.2, 0.001,
                optimizer, 0.1, seed, 5, 0);
        try (CpuEngine engine = new CpuEngine(2)) {
            return new Trainer(engine, data, p, pool, 2, ProgressListener.NONE, r -> { },
                    TerminationFlag.running()).train();
        }
    }

    @Test
    void aTimeLimit_stopsAfterTheEpochItPasses_andValidatesThatEpoch(@TempDir Path dir) throws Exception {
        Dataset data = tinyDataset(dir);
        TrainParameters p = new TrainParameters(ModelKind.COMPLEX, 8, 50, 16, 0.2, 0.001, Optimizer.ADAGRAD, 0.1, 7,
                5, 0);
        TrainResult r;
        try (CpuEngine engine = new CpuEngine(2)) {
            r = new Trainer(engine, data, p, pool, 2, ProgressListener.NONE, e -> { },
                    TerminationFlag.withDeadline(0)).train();
        }
        assertEquals(1, r.epochs().size(), "a limit already passed ends the run after its first epoch");
        assertTrue(r.stoppedByRequest());
        assertFalse(r.stoppedEarly());
        EpochReport only = r.epochs().get(0);
        assertFalse(Double.isNaN(only.validMrr()), "epoch 1 is not a validation epoch (every 5) but is validated");
        assertTrue(only.best());
        TrainResult full = train(data, ModelKind.COMPLEX, Optimizer.ADAGRAD, 7, 3);
        assertFalse(full.stoppedByRequest(), "a run that reaches its epoch limit was not stopped");
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void lossFalls_andValidationFindsTheInverses(ModelKind kind, @TempDir Path dir) throws Exception {
        Dataset data = tinyDataset(dir);
        TrainResult r = train(data, kind, Optimizer.ADAGRAD, 1, 40);
        double first = r.epochs().get(0).loss();
        double last = r.epochs().get(r.epochs().size() - 1).loss();
        assertTrue(last < 0.6 * first, kind + ": loss " + first + " -> " + last);
        // random ranking of 26 entities gives an MRR of about 0.15; DistMult, being symmetric, cannot tell a
        // node's two chain neighbours apart, so it stays near 0.5
        double mrr = Double.parseDouble(r.model().info().get("validMrr"));
        assertTrue(mrr > 0.4, kind + ": validation MRR " + mrr);
        assertTrue(r.activationBytes() > 0 && r.peakEngineBytes() >= r.activationBytes());
    }

    @Test
    void adam_alsoLearns(@TempDir Path dir) throws Exception {
        Dataset data = tinyDataset(dir);
        TrainResult r = train(data, ModelKind.COMPLEX, Optimizer.ADAM, 1, 30);
        assertTrue(r.epochs().get(r.epochs().size() - 1).loss() < r.epochs().get(0).loss() / 3);
    }

    @Test
    void sameSeed_sameParameters_otherSeed_otherParameters(@TempDir Path dir) throws Exception {
        Dataset data = tinyDataset(dir);
        EmbeddingModel a = train(data, ModelKind.COMPLEX, Optimizer.ADAGRAD, 5, 6).model();
        EmbeddingModel b = train(data, ModelKind.COMPLEX, Optimizer.ADAGRAD, 5, 6).model();
        EmbeddingModel c = train(data, ModelKind.COMPLEX, Optimizer.ADAGRAD, 6, 6).model();
        assertArrayEquals(a.entity(), b.entity());
        assertArrayEquals(a.relation(), b.relation());
        assertFalse(java.util.Arrays.equals(a.entity(), c.entity()));
    }

    @Test
    void savedModel_scoresExactlyTheSame(@TempDir Path dir) throws Exception {
        Dataset data = tinyDataset(dir);
        EmbeddingModel model = train(data, ModelKind.COMPLEX, Optimizer.ADAGRAD, 3, 5).model();
        Path file = dir.resolve("model.bin");
        ModelFile.write(model, file);
        EmbeddingModel back = ModelFile.read(file);
        assertEquals(model.kind(), back.kind());
        assertEquals(model.entities(), back.entities());
        assertEquals(model.relations(), back.relations());
        assertEquals(model.info(), back.info());
        LinkScorer.Session s1 = new EmbeddingScorer(model, data.entities(), data.relations()).newSession();
        LinkScorer.Session s2 = new EmbeddingScorer(back, data.entities(), data.relations()).newSession();
        for (int e = 0; e < data.entities().size(); e++) {
            for (int r = 0; r < data.relations().size(); r++) {
                for (Direction d : Direction.values()) {
                    float[] x = ((Scores.Dense) s1.score(e, r, d)).values().clone();
                    float[] y = ((Scores.Dense) s2.score(e, r, d)).values();
                    assertArrayEquals(x, y);
                }
            }
        }
        // a truncated file is refused, naming the file
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        InputException ex = assertThrows(InputException.class, () -> ModelFile.read(cut));
        assertTrue(ex.getMessage().contains("cut.bin") && ex.getMessage().contains("truncated"), ex.getMessage());
        Files.writeString(cut, "not a model");
        ex = assertThrows(InputException.class, () -> ModelFile.read(cut));
        assertTrue(ex.getMessage().contains("not a Strata model file"), ex.getMessage());
    }
}
