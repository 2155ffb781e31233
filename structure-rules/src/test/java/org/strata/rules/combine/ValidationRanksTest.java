package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/**
 * Model selection reads validation MRR from queries built once; it must be the MRR the shared evaluator
 * gives the same network, or early stopping picks networks that only look good. With a small candidate
 * cap the two part as soon as answering picks other candidates than the validation queries hold.
 */
class ValidationRanksTest {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void fastValidationMrr_isTheEvaluatorsMrr_beforeAndAfterLearning() {
        Dataset umls = Dataset.load(Path.of("..", "datasets", "umls").toAbsolutePath().normalize());
        List<Rule> rules = new RuleLearner(umls.trainProjection(), LearnParameters.ofRounds(5, 2, 3), POOL,
                ProgressListener.NONE, TerminationFlag.running()).learn().rules();
        RuleEngine firing = new RuleEngine(umls.trainProjection(), rules, 5, Aggregation.NOISY_OR, 1);
        for (int cap : new int[] {3, 200}) {
            for (boolean calibrate : new boolean[] {false, true}) {
                check(umls, firing, cap, calibrate);
            }
        }
    }

    private static void check(Dataset umls, RuleEngine firing, int cap, boolean calibrate) {
        CombineParameters p = new CombineParameters(Learner.BPTT, 1_500, 3, 0.05, 0.001,
                new RuleNetwork.Shape(0.1, 0.7, true), 2.0, cap, 8, 1_000_000, 1_000, 3, 2, calibrate);
        CombinationJob.Prepared prep = CombinationJob.prepare(firing, umls.valid(), umls.allProjection(), p, POOL,
                ProgressListener.NONE);
        assertEquals(2 * umls.valid().size(), prep.validation().size());
        assertEquals(calibrate, prep.chosen() != null);
        RuleNetwork start = CombinationJob.start(prep, p, null);
        RuleNetwork learned = CombinationJob.train(prep, p, ProgressListener.NONE, TerminationFlag.running()).network();
        assertTrue(learned.weights != start.weights);
        LinkPredictionEvaluator evaluator = new LinkPredictionEvaluator(POOL, 2, ProgressListener.NONE);
        for (RuleNetwork net : new RuleNetwork[] {start, learned}) {
            double fast = QueryRanks.mrr(net, prep.validation());
            double shared = evaluator.evaluate(umls, "valid", new NetworkScorer(firing, net, cap, 8,
                    CombineParameters.MAX_VISITS, umls.allProjection())).mrr();
            assertEquals(shared, fast, 2e-3, "cap " + cap + ", calibrated " + calibrate);
        }
    }
}
