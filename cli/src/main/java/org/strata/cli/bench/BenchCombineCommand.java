package org.strata.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.eval.EvaluationResult;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleScorer;
import org.strata.rules.combine.CombinationTrainer;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.NetworkScorer;
import org.strata.rules.combine.Query;
import org.strata.rules.combine.QueryBuilder;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/**
 * {@code strata bench combine}: learns rules on a dataset, then compares how they combine on the test
 * split: max-plus, noisy-or, and a rule network trained on sampled training facts (leave-one-out) with the
 * chosen learner, early-stopped on validation MRR.
 */
public final class BenchCombineCommand implements Command {

    private static final int MAX_VISITS = 50_000;

    @Override
    public String name() {
        return "combine";
    }

    @Override
    public String summary() {
        return "Learn rules, then compare max-plus, noisy-or and a learned rule network on the test split";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, RulesOptions.SECONDS, CombineOptions.LEARNER, CombineOptions.TRAIN_FACTS,
                CombineOptions.EPOCHS, CombineOptions.DECAY, CombineOptions.RATE, CombineOptions.L2, CombineOptions.MAX_CANDIDATES, CombineOptions.MAX_RULES, GraphOptions.THREADS,
                GraphOptions.SEED);
    }

    @Override
    public int run(Invocation in) throws Exception {
        Dataset data = Dataset.load(Path.of(in.require(GraphOptions.DATA, "bench combine")));
        int threads = in.get(GraphOptions.THREADS) == 0 ? Runtime.getRuntime().availableProcessors()
                : in.get(GraphOptions.THREADS);
        long seed = in.get(GraphOptions.SEED);
        double seconds = in.get(RulesOptions.SECONDS);
        int maxCandidates = in.get(CombineOptions.MAX_CANDIDATES);
        int maxRules = in.get(CombineOptions.MAX_RULES);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Projection train = data.trainProjection();
            LearnParameters lp = LearnParameters.defaults(seconds, threads, seed);
            long t0 = System.nanoTime();
            LearnResult learned = new RuleLearner(train, lp, pool, ProgressListener.NONE, TerminationFlag.running()).learn();
            List<Rule> rules = learned.rules();
            in.out().printf("%s: %s rules in %.1f s%n", data.name(), Format.count(rules.size()), (System.nanoTime() - t0) / 1e9);
            LinkPredictionEvaluator evaluator = new LinkPredictionEvaluator(pool, threads, ProgressListener.NONE);
            RuleEngine maxPlus = new RuleEngine(train, rules, lp.pc(), Aggregation.MAX_PLUS, 10);
            report(in, "max-plus", evaluator.evaluate(data, "test", new RuleScorer(maxPlus, 10, 10, MAX_VISITS,
                    data.allProjection())), 0);
            RuleEngine noisy = new RuleEngine(train, rules, lp.pc(), Aggregation.NOISY_OR, 1);
            report(in, "noisy-or", evaluator.evaluate(data, "test", new RuleScorer(noisy, 10, 10, MAX_VISITS,
                    data.allProjection())), 0);
            double decay = in.get(CombineOptions.DECAY);
            RuleNetwork start = RuleNetwork.start(noisy, train.relationCount(), decay, decay < 1);
            report(in, "network at start", evaluator.evaluate(data, "test",
                    new NetworkScorer(noisy, start, maxCandidates, maxRules, MAX_VISITS)), 0);

            long t1 = System.nanoTime();
            List<Query> queries = trainingQueries(noisy, start, train, in.get(CombineOptions.TRAIN_FACTS), seed,
                    maxCandidates, maxRules, pool, threads);
            in.out().printf("  %s training queries in %.1f s%n", Format.count(queries.size()), (System.nanoTime() - t1) / 1e9);
            CombinationTrainer.Parameters p = new CombinationTrainer.Parameters(in.get(CombineOptions.LEARNER),
                    in.get(CombineOptions.EPOCHS), in.get(CombineOptions.RATE), in.get(CombineOptions.L2), 0.01, 8, 2, seed, 0);
            CombinationTrainer.Result r = new CombinationTrainer(p).train(start, queries,
                    net -> evaluator.evaluate(data, "valid", new NetworkScorer(noisy, net, maxCandidates, maxRules,
                            MAX_VISITS)).mrr(), ProgressListener.NONE, TerminationFlag.running());
            for (CombinationTrainer.Epoch e : r.epochs()) {
                in.out().printf("  epoch %2d  loss %.4f  valid MRR %.4f  %.1f s  cosine with the gradient %.4f%n",
                        e.epoch(), e.loss(), e.validMrr(), e.seconds(), e.cosine());
            }
            report(in, "network (" + p.learner().name().toLowerCase() + ", epoch " + r.bestEpoch() + ")",
                    evaluator.evaluate(data, "test", new NetworkScorer(noisy, r.network(), maxCandidates, maxRules,
                            MAX_VISITS)), r.stateBytes());
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static void report(Invocation in, String what, EvaluationResult e, long stateBytes) {
        in.out().printf("  %-28s test MRR %.4f  Hits@1 %.4f  Hits@10 %.4f  (%.1f s)%s%n", what, e.mrr(), e.hits1(),
                e.hits10(), e.seconds(), stateBytes > 0 ? "  learning state " + Format.bytes(stateBytes) : "");
        in.out().flush();
    }

    /** Training facts sampled with the seed, each asked both ways with its own fact left out. */
    static List<Query> trainingQueries(RuleEngine engine, RuleNetwork start, Projection train, int facts, long seed,
                                       int maxCandidates, int maxRules, ExecutorService pool, int threads)
            throws Exception {
        int[] chosen = new int[Math.min(facts, train.factCount())];
        int[] all = new int[train.factCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < chosen.length; i++) {
            int j = i + rnd.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
            chosen[i] = all[i];
        }
        List<Future<List<Query>>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            parts.add(pool.submit(() -> {
                QueryBuilder b = new QueryBuilder(engine, start, train, maxCandidates, maxRules, MAX_VISITS);
                List<Query> out = new ArrayList<>();
                for (int i = worker; i < chosen.length; i += threads) {
                    int f = chosen[i];
                    for (Direction d : Direction.values()) {
                        out.add(b.training(train.head(f), train.relation(f), train.tail(f), d));
                    }
                }
                return out;
            }));
        }
        List<Query> queries = new ArrayList<>();
        for (Future<List<Query>> f : parts) {
            queries.addAll(f.get());
        }
        return queries;
    }
}
