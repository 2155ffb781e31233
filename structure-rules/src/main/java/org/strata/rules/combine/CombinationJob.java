package org.strata.rules.combine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.apply.RuleEngine;

/**
 * Learns how a rule set combines, end to end: samples training facts and asks each both ways with its own
 * fact left out, builds the validation queries under the evaluation's filter, groups overlapping rules, and
 * trains a {@link RuleNetwork} early-stopped on validation MRR. {@link #prepare} and {@link #train} are
 * separate so that several learners can start from the same queries and network.
 */
public final class CombinationJob {

    private CombinationJob() {
    }

    /**
     * The queries a combination learns from and is selected on.
     *
     * @param engine     the rules, over the training facts
     * @param training   training queries (leave-one-out)
     * @param validation validation queries (filtered)
     * @param overlaps   how the rules' predictions overlap over the training queries
     * @param linked     how often validation and training facts are linked by another fact, which decides
     *                   how often a training query leaves out every fact between its two entities
     * @param calibration how the start reads the rules (the queries' candidates and rule order follow it)
     * @param chosen     how the calibration was chosen, or null when it was not (the rules' own confidences)
     * @param seconds    how long building them took
     */
    public record Prepared(RuleEngine engine, List<Query> training, List<Query> validation,
                           RuleGroups.Overlaps overlaps, LinkedPairs linked, Calibration calibration,
                           CalibrationSearch.Choice chosen,
                           double seconds) {
    }

    /**
     * A learned combination.
     *
     * @param network  the best network on validation
     * @param groups   its group units
     * @param training the trainer's figures, epoch by epoch
     * @param seconds  training time, queries not included
     */
    public record Result(RuleNetwork network, RuleGroups groups, CombinationTrainer.Result training, double seconds) {
    }

    /**
     * Builds the queries.
     *
     * @param valid  the validation facts (a sample of at most the parameters' valid-facts), or {@code null} to
     *               hold out as many training facts as a tenth of the training queries (never among them),
     *               asked with their own fact left out. Building stops when its share of the time budget is
     *               spent (the calibration's queries until 25 %, training queries until 45 %, then 20 % for
     *               validation; without calibration 40 % for training): on a big graph the queries are fewer than asked, and
     *               which ones depends on the machine's speed
     * @param filter the facts whose answers are filtered from validation rankings (every known fact)
     */
    public static Prepared prepare(RuleEngine engine, TripleList valid, Projection filter, CombineParameters p,
                                   ExecutorService pool, ProgressListener progress) {
        long t0 = System.nanoTime();
        Projection train = engine.train();
        int wanted = p.trainFacts() + (valid == null ? p.trainFacts() / 10 : 0);
        int[] chosen = sample(train.factCount(), Math.min(train.factCount(), wanted), p.seed());
        // held out: a tenth of the training queries' facts (one in eleven of those sampled), at least one
        int heldOut = valid == null ? Math.max(1, chosen.length / 11) : 0;
        int trainCount = valid == null ? Math.max(0, chosen.length - heldOut) : chosen.length;
        int[] heads = new int[chosen.length];
        int[] relations = new int[chosen.length];
        int[] tails = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            heads[i] = train.head(chosen[i]);
            relations[i] = train.relation(chosen[i]);
            tails[i] = train.tail(chosen[i]);
        }
        TripleList sampled = new TripleList(heads, relations, tails);
        // validation: held-out training facts asked with their fact left out, or the validation split filtered
        TripleList validFacts = valid == null ? sampled : sample(valid, p.validFacts(), p.seed());
        int validFrom = valid == null ? trainCount : 0;
        int validTo = valid == null ? chosen.length : validFacts.size();
        Projection validKnown = valid == null ? train : filter;
        LinkedPairs linked = valid == null ? LinkedPairs.NONE : LinkedPairs.measure(train, validFacts, sampled,
                trainCount);
        // the time budget: the calibration's queries until 25 % of it, training queries until 45 % (40 % of it
        // without calibration), 20 % for validation queries, the rest for training. Where the calibration's
        // queries are all built sooner (CoDEx-S, WN18RR) the training queries get the time; where they are
        // not (FB15k-237) a calibration on every validation query ranked test better than one on the 10 %
        // tried before (seeds 1-3: 0.3562/0.3561/0.3564 against 0.3536/0.3560/0.3545), and learning there
        // keeps its start anyway
        long budget = (long) (p.maxSeconds() * 1e9);
        Calibration calibration = Calibration.none(engine.pc());
        CalibrationSearch.Choice choice = null;
        if (p.calibrate()) {
            RuleNetwork plain = RuleNetwork.start(engine, train.relationCount(), p.shape(), null);
            progress.begin("building calibration queries", validTo - validFrom, "facts");
            // twice the rules per candidate, so that a class weight that moves rules up still sees them
            List<Query> queries = build(engine, plain, validKnown, validFacts, validFrom, validTo, null, p,
                    2 * p.maxRules(), pool, progress, t0 + budget / 4);
            progress.end();
            choice = CalibrationSearch.choose(engine, queries, calibration, p.maxRules(), p.shape(), pool, p.threads());
            calibration = choice.calibration();
        }
        RuleNetwork cap = RuleNetwork.start(engine, train.relationCount(), p.shape(), null, calibration);
        progress.begin("building training queries", trainCount, "facts");
        List<Query> training = build(engine, cap, train, sampled, 0, trainCount, linked, p, p.maxRules(), pool,
                progress, t0 + budget * (p.calibrate() ? 9 : 8) / 20);
        progress.end();
        // held-out queries only choose among the epochs: with no training query there is none (the network
        // keeps its calibrated start), so a small budget spent on the calibration is not spent on them too
        List<Query> validation = List.of();
        if (valid != null || !training.isEmpty()) {
            progress.begin(valid == null ? "building held-out queries" : "building validation queries",
                    validTo - validFrom, "facts");
            validation = build(engine, cap, validKnown, validFacts, validFrom, validTo, null, p, p.maxRules(), pool,
                    progress, System.nanoTime() + budget / 5);
            progress.end();
        }
        RuleGroups.Overlaps overlaps = RuleGroups.overlaps(training, engine.rules().size());
        return new Prepared(engine, training, validation, overlaps, linked, calibration, choice,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The groups the parameters' overlap threshold gives (every rule alone above 1). */
    public static RuleGroups groups(Prepared prep, double overlap) {
        int n = prep.engine().rules().size();
        if (overlap > 1) {
            return RuleGroups.singletons(n);
        }
        int[] headOf = new int[n];
        for (int i = 0; i < n; i++) {
            headOf[i] = prep.engine().rules().get(i).head();
        }
        double[] threshold = new double[prep.engine().train().relationCount()];
        java.util.Arrays.fill(threshold, overlap);
        return prep.overlaps().group(headOf, threshold);
    }

    /** Trains a network on prepared queries, in what is left of the parameters' time budget. */
    public static Result train(Prepared prep, CombineParameters p, ProgressListener progress,
                               TerminationFlag termination) {
        long t0 = System.nanoTime();
        RuleGroups groups = groups(prep, p.overlap());
        RuleNetwork start = start(prep, p, groups);
        CombinationTrainer.Result r = new CombinationTrainer(p.trainer(p.maxSeconds() - prep.seconds()))
                .train(start, prep.training(), net -> QueryRanks.mrr(net, prep.validation()), progress, termination);
        return new Result(r.network(), groups, r, (System.nanoTime() - t0) / 1e9);
    }

    /** The network learning starts from: the parameters' shape, read from the rules by the prepared calibration. */
    static RuleNetwork start(Prepared prep, CombineParameters p, RuleGroups groups) {
        return RuleNetwork.start(prep.engine(), prep.engine().train().relationCount(), p.shape(), groups,
                prep.calibration());
    }

    /** {@link #prepare} then {@link #train}. */
    public static Result run(RuleEngine engine, TripleList valid, Projection filter, CombineParameters p,
                             ExecutorService pool, ProgressListener progress, TerminationFlag termination) {
        return train(prepare(engine, valid, filter, p, pool, progress), p, progress, termination);
    }

    /** At most {@code count} facts of {@code facts}, seeded (all of them, in order, when they are fewer). */
    static TripleList sample(TripleList facts, int count, long seed) {
        if (facts.size() <= count) {
            return facts;
        }
        int[] chosen = sample(facts.size(), count, seed);
        int[] h = new int[count];
        int[] r = new int[count];
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            h[i] = facts.heads()[chosen[i]];
            r[i] = facts.relations()[chosen[i]];
            t[i] = facts.tails()[chosen[i]];
        }
        return new TripleList(h, r, t);
    }

    /** {@code count} distinct fact indices below {@code facts}, seeded. */
    static int[] sample(int facts, int count, long seed) {
        int[] all = new int[facts];
        for (int i = 0; i < facts; i++) {
            all[i] = i;
        }
        Random rnd = new Random(seed);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(facts - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
            chosen[i] = all[i];
        }
        return chosen;
    }

    /**
     * Facts {@code [from, to)} of {@code facts}, each asked both ways with its own fact left out, in order;
     * as training queries (the answer a candidate wherever it ranks; {@code linked} says which leave out their
     * pair) or, with {@code linked} null, as validation queries (asked as an evaluation asks them). Each worker
     * stops early at {@code deadline} (System.nanoTime), so the queries may be fewer.
     */
    private static List<Query> build(RuleEngine engine, RuleNetwork cap, Projection known, TripleList facts, int from,
                                     int to, LinkedPairs linked, CombineParameters p, int maxRules,
                                     ExecutorService pool, ProgressListener progress, long deadline) {
        int threads = p.threads();
        List<Future<List<Query>>> parts = new ArrayList<>();
        int per = (to - from + threads - 1) / Math.max(1, threads);
        for (int w = 0; w < threads; w++) {
            int a = from + w * per;
            int b = Math.min(to, a + per);
            parts.add(pool.submit(() -> {
                QueryBuilder builder = new QueryBuilder(engine, cap, known, p.maxCandidates(), maxRules,
                        CombineParameters.MAX_VISITS);
                List<Query> out = new ArrayList<>();
                for (int i = a; i < b && System.nanoTime() < deadline; i++) {
                    for (Direction d : Direction.values()) {
                        out.add(linked != null
                                ? builder.training(facts.heads()[i], facts.relations()[i], facts.tails()[i], d,
                                        linked.leavesOutPair(p.seed(), i))
                                : builder.validation(facts.heads()[i], facts.relations()[i], facts.tails()[i], d));
                    }
                    progress.advance(1);
                }
                return out;
            }));
        }
        List<Query> queries = new ArrayList<>();
        try {
            for (Future<List<Query>> f : parts) {
                queries.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building queries", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return queries;
    }
}
