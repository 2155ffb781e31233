package org.strata.gpu.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelKind;

/**
 * An embedding model scores a block of announced queries by one matrix product: the same scores as
 * one matrix-vector product per query, in any order of calls, and the same evaluation.
 */
class EmbeddingScorerTest {

    private static Dataset dataset(Path dir) throws Exception {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            String line = "e" + random.nextInt(60) + "\tr" + random.nextInt(5) + "\te" + random.nextInt(60);
            (i % 5 == 0 ? test : train).add(line);
        }
        Files.write(dir.resolve("train.txt"), train);
        Files.write(dir.resolve("valid.txt"), test.subList(0, 10));
        Files.write(dir.resolve("test.txt"), test);
        return Dataset.load(dir);
    }

    private static EmbeddingModel model(ModelKind kind, Dataset data) {
        int dim = 12;
        int w = kind.width(dim);
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < data.entities().size(); i++) {
            entities.add(data.entities().name(i));
        }
        // the model lacks one relation: its queries score nothing, announced or not
        List<String> relations = new ArrayList<>();
        for (int i = 0; i < data.relations().size(); i++) {
            if (!data.relations().name(i).equals("r3")) {
                relations.add(data.relations().name(i));
            }
        }
        Random random = new Random(9);
        float[] e = new float[entities.size() * w];
        float[] r = new float[2 * relations.size() * w];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        return new EmbeddingModel(kind, dim, entities, relations, e, r, Map.of());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void announcedQueries_scoreAsSingleOnes_inAnyOrderOfCalls(ModelKind kind, @TempDir Path dir) throws Exception {
        Dataset data = dataset(dir);
        EmbeddingScorer scorer = new EmbeddingScorer(model(kind, data), data.entities(), data.relations());
        int count = 20;
        int[] entities = new int[count];
        int[] relations = new int[count];
        Direction[] directions = new Direction[count];
        for (int i = 0; i < count; i++) {
            entities[i] = (i * 7) % data.entities().size();
            relations[i] = i % data.relations().size();
            directions[i] = i % 3 == 0 ? Direction.IN : Direction.OUT;
        }
        LinkScorer.Session single = scorer.newSession();
        LinkScorer.Session block = scorer.newSession();
        block.expect(entities, relations, directions, count);
        // the announced order, except that query 5 is asked out of turn first (answered singly)
        int[] order = new int[count + 1];
        order[0] = 5;
        for (int i = 0; i < count; i++) {
            order[i + 1] = i;
        }
        for (int i : order) {
            float[] want = ((Scores.Dense) single.score(entities[i], relations[i], directions[i])).values().clone();
            float[] got = ((Scores.Dense) block.score(entities[i], relations[i], directions[i])).values();
            assertEquals(want.length, got.length);
            for (int e = 0; e < want.length; e++) {
                if (Float.isNaN(want[e])) {
                    assertTrue(Float.isNaN(got[e]), "query " + i + " entity " + e);
                } else {
                    assertEquals(want[e], got[e], 1e-4 * (1 + Math.abs(want[e])), "query " + i + " entity " + e);
                }
            }
        }
        // every announced query the model has a relation for came from the block; r3's score nothing
        long scorable = java.util.stream.IntStream.range(0, count)
                .filter(i -> !data.relations().name(relations[i]).equals("r3")).count();
        assertEquals(scorable, ((EmbeddingScorer.BatchSession) block).answeredFromBlocks());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void theEvaluation_isTheSame_withAndWithoutBlocks(ModelKind kind, @TempDir Path dir) throws Exception {
        Dataset data = dataset(dir);
        EmbeddingScorer scorer = new EmbeddingScorer(model(kind, data), data.entities(), data.relations());
        LinkScorer oneByOne = new LinkScorer() {
            public String name() {
                return "one by one";
            }

            public Session newSession() {
                Session s = scorer.newSession();
                return s::score; // drops expect
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LinkPredictionEvaluator evaluator = new LinkPredictionEvaluator(pool, 2, ProgressListener.NONE);
            EvaluationResult blocks = evaluator.evaluate(data, "test", scorer);
            EvaluationResult single = evaluator.evaluate(data, "test", oneByOne);
            assertTrue(blocks.queries() > 100, "evaluated " + blocks.queries() + " queries");
            assertEquals(single.mrr(), blocks.mrr(), 1e-9);
            assertEquals(single.hits10(), blocks.hits10(), 1e-9);
        } finally {
            pool.shutdownNow();
        }
    }
}
