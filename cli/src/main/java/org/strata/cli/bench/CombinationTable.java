package org.strata.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleScorer;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.FixedCombinations;
import org.strata.rules.combine.Learner;
import org.strata.rules.combine.NetworkScorer;
import org.strata.rules.model.Rule;

/**
 * The table {@code bench combine} and {@code bench rules --combine} print for one rule set: max-plus,
 * the fixed combinations and each learner of the learned combination, each with test MRR, Hits@1/10,
 * training seconds, validation MRR, cosine with the gradient, learning state and seconds per epoch.
 */
final class CombinationTable {

    /** Edge visits allowed to one rule walk, as the learned combination uses them. */
    private static final int MAX_VISITS = CombineParameters.MAX_VISITS;

    private CombinationTable() {
    }

    /**
     * Prints (and returns) the table for one rule set: with {@code all}, every aggregation and learner; else
     * max-plus and the default learner only.
     */
    static List<Map<String, Object>> print(Invocation in, Dataset data, List<Rule> rules, double pc, double ruleSeconds,
                                           boolean all, ExecutorService pool, int threads, long seed) {
        LinkPredictionEvaluator evaluator = new LinkPredictionEvaluator(pool, threads, ProgressListener.NONE);
        List<Map<String, Object>> rows = new ArrayList<>();
        in.out().printf("  %s rules learned in %.1f s; test split, filtered, both directions, ties at the mean%n",
                Format.count(rules.size()), ruleSeconds);
        in.out().printf("  %-26s %7s %7s %7s %9s %8s %8s %10s %12s%n", "combination", "MRR", "Hits@1", "Hits@10",
                "train s", "valid", "cosine", "state", "s/epoch");
        RuleEngine maxPlus = new RuleEngine(data.trainProjection(), rules, pc, Aggregation.MAX_PLUS, 10);
        row(in, rows, "max-plus", evaluator.evaluate(data, "test", new RuleScorer(maxPlus, 10, 10, MAX_VISITS,
                data.allProjection())), 0, Double.NaN, Double.NaN, 0, Double.NaN);
        RuleEngine firing = new RuleEngine(data.trainProjection(), rules, pc, Aggregation.NOISY_OR, 1);
        CombineParameters p = CombineParameters.from(in, seed, threads);
        if (all) {
            // the fixed aggregations read the rules' own confidences: their queries are built without calibration
            CombinationJob.Prepared plain = CombinationJob.prepare(firing, data.valid(), data.allProjection(),
                    p.withCalibration(false), pool, ProgressListener.NONE);
            row(in, rows, "noisy-or", evaluator.evaluate(data, "test", new RuleScorer(firing, 10, 10, MAX_VISITS,
                    data.allProjection())), 0, Double.NaN, Double.NaN, 0, Double.NaN);
            long t = System.nanoTime();
            FixedCombinations.TopK top = FixedCombinations.topK(plain);
            double topSeconds = (System.nanoTime() - t) / 1e9;
            row(in, rows, "noisy-or, top " + top.k(), evaluator.evaluate(data, "test", new NetworkScorer(firing,
                    top.network(), p.maxCandidates(), top.k(), MAX_VISITS, data.allProjection())), topSeconds, top.validMrr(), Double.NaN,
                            0,
                    Double.NaN);
            t = System.nanoTime();
            FixedCombinations.NonRedundant nr = FixedCombinations.nonRedundant(plain);
            double nrSeconds = (System.nanoTime() - t) / 1e9;
            row(in, rows, "non-redundant noisy-or", evaluator.evaluate(data, "test", new NetworkScorer(firing,
                    nr.network(), p.maxCandidates(), p.maxRules(), MAX_VISITS, data.allProjection())), nrSeconds, nr.validMrr(), Double.NaN,
                    0, Double.NaN);
        }
        CombinationJob.Prepared prep = CombinationJob.prepare(firing, data.valid(), data.allProjection(), p, pool,
                ProgressListener.NONE);
        in.out().printf("  (learners: %s training and %s validation queries, built in %.1f s, counted in each "
                + "learner's train s)%n", Format.count(prep.training().size()), Format.count(prep.validation().size()),
                prep.seconds());
        ResultPrinter.preparation(in, prep);
        for (Learner learner : all ? Learner.values() : new Learner[] {p.learner()}) {
            CombineParameters lp = p.withLearner(learner);
            CombinationJob.Result r = CombinationJob.train(prep, lp, ProgressListener.NONE, TerminationFlag.running());
            double cosine = 0;
            double epochSeconds = 0;
            int epochs = 0;
            for (var e : r.training().epochs()) {
                if (e.epoch() > 0) {
                    cosine += e.cosine();
                    epochSeconds += e.seconds();
                    epochs++;
                }
            }
            row(in, rows, "learned, " + learner.name().toLowerCase() + " (epoch " + r.training().bestEpoch() + ")",
                    evaluator.evaluate(data, "test", new NetworkScorer(firing, r.network(), p.maxCandidates(),
                            p.maxRules(), MAX_VISITS, data.allProjection())), prep.seconds() + r.seconds(), r.training().validMrr(),
                    epochs == 0 ? Double.NaN : cosine / epochs, r.training().stateBytes(),
                    epochs == 0 ? Double.NaN : epochSeconds / epochs);
        }
        return rows;
    }

    private static void row(Invocation in, List<Map<String, Object>> rows, String name, EvaluationResult e,
                            double trainSeconds, double validMrr, double cosine, long stateBytes, double epochSeconds) {
        in.out().printf("  %-26s %7.4f %7.4f %7.4f %9.1f %8s %8s %10s %12s%n", name, e.mrr(), e.hits1(), e.hits10(),
                trainSeconds, Double.isNaN(validMrr) ? "" : Format.decimal(validMrr, 4),
                Double.isNaN(cosine) ? "" : Format.decimal(cosine, 4), stateBytes == 0 ? "" : Format.bytes(stateBytes),
                Double.isNaN(epochSeconds) ? "" : Format.decimal(epochSeconds, 1));
        in.out().flush();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("combination", name);
        row.put("mrr", e.mrr());
        row.put("hits1", e.hits1());
        row.put("hits10", e.hits10());
        row.put("testSeconds", e.seconds());
        row.put("trainSeconds", trainSeconds);
        row.put("validMrr", Double.isNaN(validMrr) ? null : validMrr);
        row.put("cosine", Double.isNaN(cosine) ? null : cosine);
        row.put("stateBytes", stateBytes);
        row.put("secondsPerEpoch", Double.isNaN(epochSeconds) ? null : epochSeconds);
        rows.add(row);
    }
}
