package org.strata.gpu.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.eval.Committee;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.model.ModelKind;

/** {@code --model a.bin,b.bin}: each file read once, heard as a committee; one file is heard alone. */
class EmbeddingOpinionTest {

    private static EmbeddingModel model(ModelKind kind, List<String> entities, List<String> relations, long seed) {
        int dim = 4;
        int w = kind.width(dim);
        Random random = new Random(seed);
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

    @Test
    void severalFiles_makeACommittee_oneFile_aScorer_andAnEmptyNameIsRefused(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train.txt"), List.of("a\tr\tb", "b\tr\tc", "c\ts\ta"));
        Files.write(dir.resolve("valid.txt"), List.of("a\tr\tc"));
        Files.write(dir.resolve("test.txt"), List.of("b\ts\tc"));
        Dataset data = Dataset.load(dir);
        List<String> entities = List.of("a", "b", "c");
        List<String> relations = List.of("r", "s");
        Path complex = dir.resolve("complex.bin");
        Path distmult = dir.resolve("distmult.bin");
        ModelFile.write(model(ModelKind.COMPLEX, entities, relations, 1), complex);
        ModelFile.write(model(ModelKind.DISTMULT, entities, relations, 2), distmult);

        EmbeddingOpinion both = EmbeddingOpinion.read(complex + "," + distmult);
        assertEquals(2, both.models().size());
        assertEquals("complex dim 4 + distmult dim 4", both.label());
        LinkScorer committee = both.over(data.trainProjection());
        assertInstanceOf(Committee.class, committee);
        assertEquals(2, committee.voices().size());
        int a = data.entities().id("a");
        int r = data.relations().id("r");
        int c = data.entities().id("c");
        double want = 0;
        for (LinkScorer voice : committee.voices()) {
            want += Scores.logSoftmax(voice.newSession().score(a, r, Direction.OUT), c);
        }
        Scores.Dense got = (Scores.Dense) committee.newSession().score(a, r, Direction.OUT);
        assertEquals(want, got.values()[c], 1e-5, "the committee adds its members' log-probabilities");

        LinkScorer alone = EmbeddingOpinion.read(complex.toString()).over(data.trainProjection());
        assertInstanceOf(EmbeddingScorer.class, alone);
        assertEquals(1, alone.voices().size());

        assertNull(EmbeddingOpinion.read(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingOpinion.read(complex + ",," + distmult));
        assertEquals("--model: an empty file name in '" + complex + ",," + distmult + "' (files are separated by "
                + "single commas)", e.getMessage());
    }
}
