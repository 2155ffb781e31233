package org.strata.rules.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.strata.graph.eval.Committee;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.govern.FactJudge;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.Proposal;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/** The rules' judge on UMLS: its corruptions, its calibration and its judgements of held-out facts. */
class RuleJudgeTest {

    static final Path UMLS = Path.of("..", "datasets", "umls");

    static Dataset data;
    static Projection train;
    static List<Rule> rules;
    static ExecutorService pool;

    @BeforeAll
    static void learn() throws Exception {
        data = Dataset.load(UMLS.toAbsolutePath().normalize());
        train = data.trainProjection();
        pool = Executors.newFixedThreadPool(2);
        LearnParameters lp = LearnParameters.ofRounds(5, 1, 3); // one thread: repeatable
        rules = new RuleLearner(train, lp, pool, ProgressListener.NONE, TerminationFlag.running()).learn().rules();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void corruptions_areNeverBelievedFacts_andKeepTheRelationsEnds() {
        Random random = new Random(7);
        int made = 0;
        for (int f = 0; f < train.factCount(); f += 7) {
            int[] c = RuleJudge.corruption(train, f, f % 2 == 0, random);
            if (c == null) {
                continue;
            }
            made++;
            assertFalse(train.contains(c[0], c[1], c[2]), "a corruption is a believed fact: " + java.util.Arrays.toString(c));
            assertEquals(train.relation(f), c[1]);
            if (f % 2 == 0) {
                assertEquals(train.head(f), c[0]);
                assertTrue(train.index(c[1], org.strata.graph.projection.Direction.IN).degree(c[2]) > 0,
                        "the new tail is a tail of the relation elsewhere");
            } else {
                assertEquals(train.tail(f), c[2]);
                assertTrue(train.index(c[1], org.strata.graph.projection.Direction.OUT).degree(c[0]) > 0,
                        "the new head is a head of the relation elsewhere");
            }
        }
        assertTrue(made > train.factCount() / 14, "corruptions made: " + made);
    }

    /** Test facts and one random-tail corruption of each (never a known fact), as proposals. */
    private static List<List<Proposal>> testFactsAndCorruptions(int step, long seed) {
        List<Proposal> truths = new ArrayList<>();
        List<Proposal> corrupted = new ArrayList<>();
        Random random = new Random(seed);
        var test = data.test();
        for (int i = 0; i < test.size(); i += step) {
            String h = data.entities().name(test.heads()[i]);
            String r = data.relations().name(test.relations()[i]);
            truths.add(new Proposal(h, r, data.entities().name(test.tails()[i]), 0.5, "test", null));
            int other;
            do {
                other = random.nextInt(data.entities().size());
            } while (data.allProjection().contains(test.heads()[i], test.relations()[i], other));
            corrupted.add(new Proposal(h, r, data.entities().name(other), 0.5, "test", null));
        }
        return List.of(truths, corrupted);
    }

    private static double meanPlausibility(List<FactJudge.Judgement> judged) {
        return judged.stream().mapToDouble(FactJudge.Judgement::plausibility).average().orElseThrow();
    }

    /**
     * Calibrated on the believed facts alone (each left out, against corruptions judged without the fact
     * they were made from), the judge finds held-out test facts more plausible than corruptions of them and
     * doubts more corruptions than test facts; with either fusion.
     */
    @ParameterizedTest
    @EnumSource(JudgeParameters.FusionKind.class)
    void selfCalibrated_judgeSeparatesTestFactsFromCorruptions_andExplains(JudgeParameters.FusionKind fusion)
            throws Exception {
        RuleJudge judge = RuleJudge.fit(train, rules, 0.5, new JudgeParameters(600, 0.95, 0.9, 3, 2, null, null,
                fusion, 0), pool,
                ProgressListener.NONE);
        RuleJudge.Calibration c = judge.calibration();
        assertEquals(600, c.facts());
        List<List<Proposal>> sets = testFactsAndCorruptions(3, 11);
        List<FactJudge.Judgement> onTrue = judge.judgeAll(sets.get(0));
        List<FactJudge.Judgement> onFalse = judge.judgeAll(sets.get(1));
        assertTrue(meanPlausibility(onTrue) > meanPlausibility(onFalse) + 0.2, c + ": test facts "
                + meanPlausibility(onTrue) + ", corruptions " + meanPlausibility(onFalse));
        long doubtedTrue = onTrue.stream().filter(j -> j.call() == FactJudge.Call.DOUBT).count();
        long doubtedFalse = onFalse.stream().filter(j -> j.call() == FactJudge.Call.DOUBT).count();
        assertTrue(doubtedFalse > 3 * doubtedTrue, doubtedFalse + " corruptions and " + doubtedTrue + " test facts doubted");
        Proposal first = sets.get(0).get(0);
        FactJudge.Judgement one = judge.judge(first.head(), first.relation(), first.tail());
        assertEquals(onTrue.get(0), one, "one at a time or many: the same judgement");
        assertTrue(one.summary().contains("plausibility"), one.summary());
        FactJudge.Judgement unknown = judge.judge("no such entity", first.relation(), first.tail());
        assertEquals(FactJudge.Call.UNDECIDED, unknown.call());
        assertTrue(unknown.evidenceAgainst().contains("do not know"), unknown.evidenceAgainst());
    }

    /**
     * Calibrated on labelled files, the judge reads only them (under the cap, the same files give the same
     * thresholds whatever the seed) and confirms test facts, rarely their corruptions; with either fusion.
     */
    @ParameterizedTest
    @EnumSource(JudgeParameters.FusionKind.class)
    void labelledCalibration_readsOnlyItsFiles(JudgeParameters.FusionKind fusion, @TempDir Path dir) throws Exception {
        Path trueFile = dir.resolve("true.tsv");
        Path falseFile = dir.resolve("false.tsv");
        writeValidAndCorruptions(trueFile, falseFile);
        JudgeParameters p = new JudgeParameters(10_000, 0.95, 0.9, 3, 2, trueFile, falseFile,
                fusion, 500);
        RuleJudge a = RuleJudge.fit(train, rules, 0.5, p, pool, ProgressListener.NONE);
        RuleJudge b = RuleJudge.fit(train, rules, 0.5, p, pool, ProgressListener.NONE);
        assertEquals(2 * data.valid().size(), a.calibration().facts(), "every labelled triple, counted without the rows "
                + "that only help fit the fusion");
        assertEquals(a.calibration(), b.calibration(), "the same seed, the same calibration");
        RuleJudge.Fit fit = a.fit();
        assertEquals(fusion == JudgeParameters.FusionKind.TREES ? "trees" : "logistic", fit.fusion());
        assertEquals(2 * data.valid().size(), fit.thresholdRows(), "the labelled triples choose the thresholds");
        assertTrue(fit.fitRows() == fit.thresholdRows() || fit.fitRows() > fit.thresholdRows() + 500,
                "the fusion fitted on the labelled triples alone, or with the made and believed rows: " + fit);
        assertTrue(fusion == JudgeParameters.FusionKind.TREES ? fit.treeDepth() == 3 || fit.treeDepth() == 5
                : fit.treeDepth() == 0, fit.toString());
        JudgeParameters capped = new JudgeParameters(100, 0.95, 0.9, 3, 2, trueFile, falseFile,
                fusion, 0);
        assertEquals(200, RuleJudge.fit(train, rules, 0.5, capped, pool, ProgressListener.NONE).calibration().facts(),
                "at most 100 triples of each file");
        assertTrue(a.calibration().confirmPrecision() >= 0.95, a.calibration().toString());
        List<List<Proposal>> sets = testFactsAndCorruptions(2, 13);
        long confirmedTrue = a.judgeAll(sets.get(0)).stream().filter(j -> j.call() == FactJudge.Call.CONFIRM).count();
        long confirmedFalse = a.judgeAll(sets.get(1)).stream().filter(j -> j.call() == FactJudge.Call.CONFIRM).count();
        assertTrue(confirmedTrue > sets.get(0).size() / 4 && confirmedTrue > 10 * confirmedFalse, a.calibration() + ": "
                + confirmedTrue + " of " + sets.get(0).size() + " test facts confirmed, " + confirmedFalse + " corruptions");
    }

    /** The validation triples into {@code trueFile}, a random-tail corruption of each into {@code falseFile}. */
    private static void writeValidAndCorruptions(Path trueFile, Path falseFile) throws Exception {
        StringBuilder t = new StringBuilder();
        StringBuilder f = new StringBuilder();
        var valid = data.valid();
        Random random = new Random(5);
        for (int i = 0; i < valid.size(); i++) {
            String h = data.entities().name(valid.heads()[i]);
            String r = data.relations().name(valid.relations()[i]);
            t.append(h).append('\t').append(r).append('\t').append(data.entities().name(valid.tails()[i])).append('\n');
            int other;
            do {
                other = random.nextInt(data.entities().size());
            } while (data.allProjection().contains(valid.heads()[i], valid.relations()[i], other));
            f.append(h).append('\t').append(r).append('\t').append(data.entities().name(other)).append('\n');
        }
        Files.writeString(trueFile, t);
        Files.writeString(falseFile, f);
    }

    /** Scores every entity: 3 where it completes a known fact (train, valid or test), else 0. */
    private record Knowing(String name) implements LinkScorer {
        @Override
        public Session newSession() {
            float[] v = new float[data.entities().size()];
            return (entity, relation, direction) -> {
                for (int i = 0; i < v.length; i++) {
                    boolean known = direction == org.strata.graph.projection.Direction.OUT
                            ? data.allProjection().contains(entity, relation, i)
                            : data.allProjection().contains(i, relation, entity);
                    v[i] = known ? 3f : 0f;
                }
                return new Scores.Dense(v);
            };
        }
    }

    /** Scores every entity by a fixed pseudo-random value of the query and the entity. */
    private record Noise(String name) implements LinkScorer {
        @Override
        public Session newSession() {
            float[] v = new float[data.entities().size()];
            return (entity, relation, direction) -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Math.sin(entity * 31.0 + relation * 7.0 + i * 1.3 + direction.ordinal());
                }
                return new Scores.Dense(v);
            };
        }
    }

    /**
     * A committee's members are weighed one by one: the judge's features hold two log-probabilities per
     * voice, and its explanation names each voice with its own.
     */
    @Test
    void aCommitteesVoices_areWeighedAndExplainedOneByOne(@TempDir Path dir) throws Exception {
        Path trueFile = dir.resolve("true.tsv");
        Path falseFile = dir.resolve("false.tsv");
        writeValidAndCorruptions(trueFile, falseFile);
        JudgeParameters p = new JudgeParameters(10_000, 0.95, 0.9, 3, 2, trueFile, falseFile,
                JudgeParameters.FusionKind.LOGISTIC, 0);
        LinkScorer committee = Committee.of(List.of(new Knowing("knowing voice"), new Noise("noisy voice")),
                data.entities().size());
        RuleJudge judge = RuleJudge.fit(train, rules, 0.5, p, q -> committee, pool, ProgressListener.NONE);
        List<List<Proposal>> sets = testFactsAndCorruptions(4, 17);
        FactJudge.Judgement j = judge.judgeAll(sets.get(0)).get(0);
        String said = j.evidenceFor() + "; " + j.evidenceAgainst();
        for (String voice : List.of("knowing voice", "noisy voice")) {
            assertTrue(said.contains(voice + " gives the tail log-probability"), voice + " in: " + said);
        }
        TripleFeatures features = new TripleFeatures(new RuleEngine(train, rules, 0.5, Aggregation.NOISY_OR, 1), 0.5,
                1_000, committee, new TripleFeatures.Kinds(false, true, false));
        int h = data.test().heads()[0];
        int r = data.test().relations()[0];
        int t = data.test().tails()[0];
        double[] x = features.of(h, r, t, false);
        assertEquals(TripleFeatures.COUNT + 2 * TripleFeatures.OPINION, x.length);
        LinkScorer.Session knowing = new Knowing("k").newSession();
        LinkScorer.Session noisy = new Noise("n").newSession();
        var out = org.strata.graph.projection.Direction.OUT;
        var in = org.strata.graph.projection.Direction.IN;
        assertEquals(Scores.logSoftmax(knowing.score(h, r, out), t), x[TripleFeatures.COUNT], 1e-9);
        assertEquals(Scores.logSoftmax(knowing.score(t, r, in), h), x[TripleFeatures.COUNT + 1], 1e-9);
        assertEquals(Scores.logSoftmax(noisy.score(h, r, out), t), x[TripleFeatures.COUNT + 2], 1e-9);
        assertEquals(Scores.logSoftmax(noisy.score(t, r, in), h), x[TripleFeatures.COUNT + 3], 1e-9);
        long confirmedTrue = judge.judgeAll(sets.get(0)).stream().filter(c -> c.call() == FactJudge.Call.CONFIRM).count();
        long confirmedFalse = judge.judgeAll(sets.get(1)).stream().filter(c -> c.call() == FactJudge.Call.CONFIRM).count();
        assertTrue(confirmedTrue > sets.get(0).size() / 2 && confirmedTrue > 10 * confirmedFalse, "a calibrated judge: "
                + confirmedTrue + " of " + sets.get(0).size() + " test facts confirmed, " + confirmedFalse + " corruptions");
    }

    /**
     * A confirmation threshold must promise its precision, not just measure it: twelve true triples above
     * every false one measure a precision of 1 but bound it only at 1 / (1 + z²/12) = 0.816 (Wilson, one
     * sided, 95 %), too little for 0.9; sixty do.
     */
    @Test
    void theConfirmationThreshold_needsThePrecisionsLowerBound_notJustItsMeasurement() {
        double z = 1.6448536;
        assertEquals(1 / (1 + z * z / 12), JudgeThresholds.precisionLowerBound(12, 12), 1e-9);
        assertTrue(JudgeThresholds.precisionLowerBound(60, 60) > 0.9);
        assertTrue(JudgeThresholds.precisionLowerBound(90, 100) < 0.9, "measured 0.9 is bounded below it");
        JudgeParameters p = new JudgeParameters(1_000, 0.9, 0.9, 1, 1, null, null, JudgeParameters.FusionKind.TREES, 0);
        for (int n : new int[] {12, 60}) {
            double[] prob = new double[2 * n];
            List<Boolean> labels = new ArrayList<>();
            for (int i = 0; i < 2 * n; i++) {
                prob[i] = i < n ? 0.9 : 0.1;
                labels.add(i < n);
            }
            RuleJudge.Calibration c = JudgeThresholds.choose(prob, labels, 2 * n, p);
            if (n == 12) {
                assertTrue(c.confirmThreshold() > 1, "nothing confirms on twelve: " + c);
            } else {
                assertEquals(0.9, c.confirmThreshold(), 0.0, c.toString());
                assertEquals(1.0, c.confirmPrecision(), 0.0);
            }
        }
    }
}
