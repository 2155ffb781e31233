package org.strata.rules.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.apply.RuleEngine;

/**
 * A labelled calibration's rows on UMLS: the labelled triples first (they alone choose the thresholds),
 * then corruptions made of the true ones and believed facts with theirs, which only help fit the fusion.
 */
class LabelledCalibrationTest {

    static Dataset data;
    static Projection train;
    static RuleEngine engine;
    static ExecutorService pool;
    static UmlsRules umls;

    @BeforeAll
    static void learn() throws Exception {
        umls = UmlsRules.learn();
        data = umls.data();
        train = umls.train();
        engine = umls.engine();
        pool = umls.pool();
    }

    @AfterAll
    static void stop() {
        umls.close();
    }

    /** The validation triples as true, the test triples as false (a stand-in label: only the rows are read). */
    private static JudgeParameters labelled(Path dir, int believedFacts) throws Exception {
        Path t = dir.resolve("true.tsv");
        Path f = dir.resolve("false.tsv");
        Files.writeString(t, tsv(data.valid()));
        Files.writeString(f, tsv(data.test()));
        return new JudgeParameters(10_000, 0.95, 0.9, 3, 2, t, f, JudgeParameters.FusionKind.TREES, believedFacts);
    }

    private static String tsv(TripleList l) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            b.append(data.entities().name(l.heads()[i])).append('\t').append(data.relations().name(l.relations()[i]))
                    .append('\t').append(data.entities().name(l.tails()[i])).append('\n');
        }
        return b.toString();
    }

    @Test
    void labelledTriplesComeFirst_madeCorruptionsAreNew_andOnlyBelievedRowsCarryTheMark(@TempDir Path dir)
            throws Exception {
        JudgeParameters p = labelled(dir, 200);
        LabelledCalibration calibration = LabelledCalibration.read(train, p);
        TripleFeatures.Kinds kinds = new TripleFeatures.Kinds(false, true, true);
        LabelledCalibration.Rows rows = calibration.rows(engine, 0.5, null, p, kinds, pool, ProgressListener.NONE);
        int labelledCount = data.valid().size() + data.test().size();
        assertEquals(labelledCount, calibration.size());
        assertEquals(labelledCount, rows.judged(), "the labelled triples choose the thresholds, nothing else");
        for (int i = 0; i < data.valid().size(); i++) {
            assertArrayEquals(new int[] {data.valid().heads()[i], data.valid().relations()[i], data.valid().tails()[i]},
                    rows.triples().get(i));
            assertTrue(rows.labels().get(i));
        }
        Set<List<Integer>> labelledTriples = new HashSet<>();
        for (int i = 0; i < rows.judged(); i++) {
            int[] x = rows.triples().get(i);
            labelledTriples.add(List.of(x[0], x[1], x[2]));
        }
        int mark = rows.rows().get(0).length - 1; // no opinion, no indicators: the mark is the last feature
        int made = 0;
        int believedTrue = 0;
        int believedFalse = 0;
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = rows.judged(); i < rows.rows().size(); i++) {
            int[] x = rows.triples().get(i);
            double[] row = rows.rows().get(i);
            if (row[mark] == 0) {
                made++;
                assertFalse(rows.labels().get(i), "a made corruption is false");
                assertFalse(train.contains(x[0], x[1], x[2]), "a made corruption is never a believed fact");
                assertFalse(labelledTriples.contains(List.of(x[0], x[1], x[2])), "nor a labelled triple");
                assertTrue(seen.add(List.of(x[0], x[1], x[2])), "nor made twice");
            } else {
                assertEquals(1.0, row[mark]);
                if (rows.labels().get(i)) {
                    believedTrue++;
                    assertTrue(train.contains(x[0], x[1], x[2]), "a believed row's true triple is a believed fact");
                } else {
                    believedFalse++;
                    assertFalse(train.contains(x[0], x[1], x[2]));
                }
            }
        }
        for (int i = 0; i < rows.judged(); i++) {
            assertEquals(0.0, rows.rows().get(i)[mark], "UMLS's labelled triples are none of them believed");
        }
        // UMLS is dense: under some relations every entity of a position is already taken on both sides
        assertTrue(made > data.valid().size() / 2 && made <= data.valid().size(),
                "at most one made corruption per labelled true triple, for most of them: " + made);
        assertEquals(200, believedTrue, "the believed facts asked for");
        assertTrue(believedFalse > 180 && believedFalse <= 200, "with a corruption each: " + believedFalse);
    }

    @Test
    void withoutBelievedFacts_noMarkIsRead_andOnlyTheMadeCorruptionsJoin(@TempDir Path dir) throws Exception {
        JudgeParameters p = labelled(dir, 0);
        LabelledCalibration calibration = LabelledCalibration.read(train, p);
        TripleFeatures.Kinds kinds = new TripleFeatures.Kinds(false, true, false);
        LabelledCalibration.Rows rows = calibration.rows(engine, 0.5, null, p, kinds, pool, ProgressListener.NONE);
        assertEquals(TripleFeatures.COUNT, rows.rows().get(0).length, "no mark without believed rows");
        long extraTrue = rows.labels().subList(rows.judged(), rows.labels().size()).stream().filter(b -> b).count();
        assertEquals(0, extraTrue, "every row beyond the labelled triples is a made corruption");
        assertTrue(rows.rows().size() - rows.judged() > data.valid().size() / 2);
    }

    /** The believed facts that join never outnumber the labelled true triples, however many are asked for. */
    @Test
    void believedFacts_areCappedAtTheLabelledTrueTriples(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("true.tsv");
        Path f = dir.resolve("false.tsv");
        String valid = tsv(data.valid());
        Files.writeString(t, String.join("\n", valid.lines().limit(30).toList()) + "\n");
        Files.writeString(f, String.join("\n", tsv(data.test()).lines().limit(60).toList()) + "\n");
        JudgeParameters p = new JudgeParameters(10_000, 0.95, 0.9, 3, 2, t, f, JudgeParameters.FusionKind.TREES, 200);
        LabelledCalibration calibration = LabelledCalibration.read(train, p);
        assertEquals(30, calibration.positives());
        LabelledCalibration.Rows rows = calibration.rows(engine, 0.5, null, p, new TripleFeatures.Kinds(false, true, true),
                pool, ProgressListener.NONE);
        int mark = rows.rows().get(0).length - 1;
        long believedTrue = 0;
        for (int i = rows.judged(); i < rows.rows().size(); i++) {
            if (rows.rows().get(i)[mark] == 1.0 && rows.labels().get(i)) {
                believedTrue++;
            }
        }
        assertEquals(30, believedTrue, "200 asked for, 30 labelled true triples: 30 believed facts join");
    }

    /**
     * Rows that only help fit are kept only where they help: extra rows whose one feature says the opposite
     * of what it says on the labelled rows would teach the trees the wrong way round, so the judge fits on
     * the labelled rows alone.
     */
    @Test
    void misleadingExtraRows_areLeftOutOfTheFit() {
        Random random = new Random(3);
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        int judged = 600;
        for (int i = 0; i < judged + 3_000; i++) {
            boolean label = i % 2 == 0;
            boolean extra = i >= judged;
            double signal = (label != extra ? 1 : -1) + 0.8 * random.nextGaussian(); // inverted on the extra rows
            rows.add(new double[] {signal, random.nextGaussian()});
            labels.add(label);
            folds.add(i / 2 % RuleJudge.FOLDS);
        }
        JudgeParameters p = new JudgeParameters(10_000, 0.95, 0.9, 3, 1, Path.of("t"), Path.of("f"),
                JudgeParameters.FusionKind.TREES, 100);
        RuleJudge.Choice choice = RuleJudge.choose(rows, labels, folds, judged, judged, p);
        assertEquals(judged, choice.rows(), "fitted on the labelled rows alone: " + choice);
        assertTrue(choice.calibration().confirmRecall() > 0.5, choice.toString());
    }
}
