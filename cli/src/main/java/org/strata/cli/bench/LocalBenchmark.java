package org.strata.cli.bench;

import java.util.ArrayList;
import org.strata.rules.local.LocalRule;
import org.strata.rules.local.LocalTrainer;
import org.strata.rules.local.LocalUpdate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.strata.graph.eval.FilteredRanker;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.eval.Metrics;
import org.strata.graph.eval.Scores;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.spread.SpreadGraph;
import org.strata.rules.spread.SpreadModel;
import org.strata.rules.spread.SpreadScorer;
import org.strata.rules.spread.Spreader;
import org.strata.rules.spread.StateTape;

/**
 * Measures the local rules against backprop on the same spread scorer: test quality over seeds (the
 * shared evaluator), learning-state memory against K, time per epoch, the cosine with the true gradient,
 * stability when facts arrive in chunks of relations, and when they stream in one at a time.
 */
final class LocalBenchmark {

    /** What every run uses; {@code settings} gives rule-independent training settings (its rule is replaced). */
    public record Config(LocalTrainer.Settings settings, List<LocalRule> rules, int seeds, int threads) {
    }

    /** Test quality of one rule over seeds. */
    public record Quality(LocalRule rule, double[] mrr, double[] hits10, double secondsPerEpoch, double cosine,
                          long stateBytes) {
        public double meanMrr() {
            return mean(mrr);
        }

        public double sdMrr() {
            return sd(mrr);
        }

        public double meanHits10() {
            return mean(hits10);
        }

        public double sdHits10() {
            return sd(hits10);
        }
    }

    /** Learning state held between prediction and update (peak bytes over the sampled queries), per rule, at one K. */
    public record Memory(int steps, Map<LocalRule, Long> bytes, Map<LocalRule, Double> microsPerQuery) {
    }

    /**
     * Training on five chunks of facts in turn (grouped by relation): {@code mrr[i][j]} is the test MRR on
     * chunk j's relations after chunk i; average final MRR, backward transfer (final minus just-learned,
     * over the first four chunks) and forgetting (best earlier minus final).
     */
    public record Continual(String learner, double[][] mrr, double averageFinal, double backwardTransfer,
                            double forgetting) {

        /** The summary figures of an MRR matrix ({@code mrr[i][j]}: chunk j's test MRR after chunk i). */
        public static Continual of(String learner, double[][] mrr) {
            int chunks = mrr.length;
            double avg = 0;
            double bwt = 0;
            double forget = 0;
            for (int j = 0; j < chunks; j++) {
                avg += mrr[chunks - 1][j] / chunks;
                if (j < chunks - 1) {
                    bwt += (mrr[chunks - 1][j] - mrr[j][j]) / (chunks - 1);
                    double best = Double.NEGATIVE_INFINITY;
                    for (int i = j; i < chunks - 1; i++) {
                        best = Math.max(best, mrr[i][j]);
                    }
                    forget += (best - mrr[chunks - 1][j]) / (chunks - 1);
                }
            }
            return new Continual(learner, mrr, avg, bwt, forget);
        }
    }

    /** The number of chunks of the continual test. */
    public static final int CHUNKS = 5;

    /**
     * Facts streamed in one at a time, each added to the graph and learned from by one update: MRR on them
     * at the end (each asked with itself left out), and on a fixed probe of old facts before and after.
     */
    public record Streaming(LocalRule rule, int facts, double mrrNew, double probeBefore, double probeAfter) {
    }

    private LocalBenchmark() {
    }

    private static LocalTrainer.Settings with(LocalTrainer.Settings s, LocalRule rule, long seed, int cosineBatches) {
        return new LocalTrainer.Settings(rule, s.steps(), s.epochs(), s.batch(), s.rate(), s.beta(), s.gain(),
                s.initialGate(), seed, s.queriesPerEpoch(), cosineBatches);
    }

    /** Trains every rule with seeds 1..n and evaluates each on the test split with the shared evaluator. */
    public static List<Quality> quality(Dataset data, Config c, ExecutorService pool, ProgressListener progress) {
        SpreadGraph graph = graph(data, data.train());
        List<Quality> out = new ArrayList<>();
        for (LocalRule rule : c.rules()) {
            double[] mrr = new double[c.seeds()];
            double[] hits = new double[c.seeds()];
            double seconds = 0;
            double cosine = 0;
            long bytes = 0;
            for (int seed = 1; seed <= c.seeds(); seed++) {
                LocalTrainer.Result r = LocalTrainer.train(graph, data.train(), with(c.settings(), rule, seed, 4), pool,
                        c.threads(), progress);
                var e = new LinkPredictionEvaluator(pool, c.threads(), progress).evaluate(data, "test",
                        new SpreadScorer(graph, r.model()));
                mrr[seed - 1] = e.mrr();
                hits[seed - 1] = e.hits10();
                seconds += r.secondsPerEpoch() / c.seeds();
                cosine += r.epochs().stream().mapToDouble(LocalTrainer.Epoch::cosine).average().orElse(Double.NaN)
                        / c.seeds();
                bytes = Math.max(bytes, r.peakStateBytes());
            }
            out.add(new Quality(rule, mrr, hits, seconds, cosine, bytes));
        }
        return out;
    }

    /** The learning state each rule holds for K = each of {@code steps}, measured on {@code queries} training queries. */
    public static List<Memory> memory(Dataset data, Config c, int[] steps, int queries) {
        SpreadGraph graph = graph(data, data.train());
        TripleList train = data.train();
        Random random = new Random(1);
        int[] sample = new int[Math.min(queries, train.size())];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = random.nextInt(train.size());
        }
        List<Memory> out = new ArrayList<>();
        for (int k : steps) {
            Map<LocalRule, Long> bytes = new LinkedHashMap<>();
            Map<LocalRule, Double> micros = new LinkedHashMap<>();
            SpreadModel model = new SpreadModel(graph.relations(), graph.entities(), k, c.settings().gain(),
                    c.settings().initialGate(), LocalTrainer.INITIAL_BIAS);
            Spreader net = new Spreader(graph, model);
            LocalUpdate.Scratch scratch = new LocalUpdate.Scratch(graph.channels(), graph.entities());
            double[] g = new double[graph.channels()];
            double[] b = new double[graph.entities()];
            for (LocalRule rule : LocalRule.values()) {
                StateTape tape = new StateTape();
                long start = System.nanoTime();
                for (int i : sample) {
                    net.maskFact(train.heads()[i], train.relations()[i], train.tails()[i]);
                    LocalUpdate.direction(rule, net, train.heads()[i], train.relations()[i], train.tails()[i],
                            c.settings().beta(), tape, g, b, scratch);
                }
                micros.put(rule, (System.nanoTime() - start) / 1e3 / sample.length);
                bytes.put(rule, tape.peak());
            }
            out.add(new Memory(k, bytes, micros));
        }
        return out;
    }

    /** Five chunks of training facts by relation group, learned in turn, for every rule (seed 1). */
    public static List<Continual> continual(Dataset data, Config c, ExecutorService pool, ProgressListener progress) {
        int chunks = CHUNKS;
        int[] group = relationGroups(data.train(), data.relations().size(), chunks);
        List<Continual> out = new ArrayList<>();
        for (LocalRule rule : c.rules()) {
            SpreadModel model = null;
            double[][] mrr = new double[chunks][chunks];
            for (int i = 0; i < chunks; i++) {
                int upTo = i;
                TripleList seen = filter(data.train(), r -> group[r] <= upTo);
                TripleList chunk = filter(data.train(), r -> group[r] == upTo);
                SpreadGraph graph = graph(data, seen);
                if (model == null) {
                    model = new SpreadModel(graph.relations(), graph.entities(), c.settings().steps(), c.settings().gain(),
                            c.settings().initialGate(), LocalTrainer.INITIAL_BIAS);
                }
                LocalTrainer.train(graph, model, chunk, with(c.settings(), rule, 1, 0), pool, c.threads(), progress);
                double[] ranks = new LinkPredictionEvaluator(pool, c.threads(), progress).ranks(data, "test",
                        new SpreadScorer(graph, model));
                mrr[i] = groupMrr(ranks, data.test(), group, chunks);
            }
            out.add(Continual.of(rule.label(), mrr));
        }
        return out;
    }

    /** The MRR of each relation group's queries, from the evaluator's ranks of {@code triples}. */
    public static double[] groupMrr(double[] ranks, TripleList triples, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] n = new int[groups];
        for (int t = 0; t < triples.size(); t++) {
            int j = group[triples.relations()[t]];
            sum[j] += 1 / ranks[2 * t] + 1 / ranks[2 * t + 1];
            n[j] += 2;
        }
        double[] out = new double[groups];
        for (int j = 0; j < groups; j++) {
            out[j] = n[j] == 0 ? Double.NaN : sum[j] / n[j];
        }
        return out;
    }

    /** The facts whose relation is in group {@code g}. */
    public static TripleList chunk(TripleList facts, int[] group, int g) {
        return filter(facts, r -> group[r] == g);
    }

    /**
     * Holds {@code count} random training facts out, trains on the rest, then streams them in one at a
     * time (each added to the graph, then one update on its two queries), for every rule (seed 1).
     */
    public static List<Streaming> streaming(Dataset data, Config c, int count, ExecutorService pool,
                                            ProgressListener progress) {
        TripleList train = data.train();
        Random random = new Random(7);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int held = Math.min(count, train.size() / 10);
        int[] stream = Arrays.copyOfRange(order, 0, held);
        int[] rest = Arrays.copyOfRange(order, held, order.length);
        int[] probe = Arrays.copyOfRange(rest, 0, Math.min(1000, rest.length));
        List<Streaming> out = new ArrayList<>();
        Projection known = data.allProjection();
        for (LocalRule rule : c.rules()) {
            TripleList base = select(train, rest);
            SpreadGraph graph = graph(data, base);
            SpreadModel model = new SpreadModel(graph.relations(), graph.entities(), c.settings().steps(),
                    c.settings().gain(), c.settings().initialGate(), LocalTrainer.INITIAL_BIAS);
            LocalTrainer.train(graph, model, base, with(c.settings(), rule, 1, 0), pool, c.threads(), progress);
            double before = maskedMrr(graph, model, train, probe, known);
            int[] grown = rest;
            LocalTrainer.Settings one = new LocalTrainer.Settings(rule, c.settings().steps(), 1, 2, c.settings().rate(),
                    c.settings().beta(), c.settings().gain(), c.settings().initialGate(), 1, 0, 0);
            progress.begin("streaming " + held + " facts (" + rule.label() + ")", held, "facts");
            for (int f : stream) {
                grown = Arrays.copyOf(grown, grown.length + 1);
                grown[grown.length - 1] = f;
                graph = graph(data, select(train, grown));
                LocalTrainer.train(graph, model, select(train, new int[] {f}), one, pool, 1, ProgressListener.NONE);
                progress.advance(1);
            }
            progress.end();
            out.add(new Streaming(rule, held, maskedMrr(graph, model, train, stream, known),
                    before, maskedMrr(graph, model, train, probe, known)));
        }
        return out;
    }

    /** Filtered MRR (both directions) of facts that are in the graph, each asked with itself left out. */
    static double maskedMrr(SpreadGraph graph, SpreadModel model, TripleList triples, int[] which, Projection known) {
        Spreader net = new Spreader(graph, model);
        FilteredRanker ranker = new FilteredRanker(graph.entities());
        float[] scores = new float[graph.entities()];
        double[] ranks = new double[2 * which.length];
        int r = graph.relations();
        for (int i = 0; i < which.length; i++) {
            int h = triples.heads()[which[i]];
            int rel = triples.relations()[which[i]];
            int t = triples.tails()[which[i]];
            for (int d = 0; d < 2; d++) {
                int entity = d == 0 ? h : t;
                int q = d == 0 ? rel : r + rel;
                int answer = d == 0 ? t : h;
                net.maskFact(entity, q, answer);
                net.start(entity, q);
                net.settle(q, model.steps(), 0, -1);
                net.scores(scores);
                ranks[2 * i + d] = ranker.rank(new Scores.Dense(scores), answer,
                        known.index(rel, d == 0 ? Direction.OUT : Direction.IN), entity);
            }
        }
        return Metrics.of(ranks, 0, 1).mrr();
    }

    /** Relations by fact count, dealt round-robin into {@code groups} groups (balanced sizes). */
    public static int[] relationGroups(TripleList facts, int relations, int groups) {
        int[] count = new int[relations];
        for (int r : facts.relations()) {
            count[r]++;
        }
        Integer[] byCount = new Integer[relations];
        for (int r = 0; r < relations; r++) {
            byCount[r] = r;
        }
        Arrays.sort(byCount, (a, b) -> count[b] != count[a] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b));
        int[] group = new int[relations];
        for (int i = 0; i < relations; i++) {
            group[byCount[i]] = i % groups;
        }
        return group;
    }

    private static TripleList filter(TripleList t, java.util.function.IntPredicate relation) {
        int n = 0;
        int[] keep = new int[t.size()];
        for (int i = 0; i < t.size(); i++) {
            if (relation.test(t.relations()[i])) {
                keep[n++] = i;
            }
        }
        return select(t, Arrays.copyOf(keep, n));
    }

    private static TripleList select(TripleList t, int[] which) {
        int[] h = new int[which.length];
        int[] r = new int[which.length];
        int[] x = new int[which.length];
        for (int i = 0; i < which.length; i++) {
            h[i] = t.heads()[which[i]];
            r[i] = t.relations()[which[i]];
            x[i] = t.tails()[which[i]];
        }
        return new TripleList(h, r, x);
    }

    /** The network over {@code facts}, with every entity and relation of the dataset. */
    public static SpreadGraph graph(Dataset data, TripleList facts) {
        return new SpreadGraph(facts, data.entities().size(), data.relations().size());
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
