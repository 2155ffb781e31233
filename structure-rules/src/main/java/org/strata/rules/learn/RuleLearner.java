package org.strata.rules.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Projection;
import org.strata.rules.model.Rule;

/**
 * Anytime, bottom-up rule learning in the manner of AnyBURL (Meilicke et al., IJCAI 2019): sample a
 * training fact and a path around it, generalise the path into rules ({@link PathSampler}), measure each
 * new rule on sampled groundings ({@link RuleMeasure}), keep those that clear the support and confidence
 * thresholds. It runs in rounds of a fixed number of samples until the time budget or the round count is
 * spent, or the termination flag trips; it always stops at a round boundary. Before the first round it
 * counts the rules with an empty body exactly ({@link ZeroRules}), when asked to.
 *
 * <p>Each sample draws its path type (cyclic of length 1 to 3, acyclic of length 1 or 2) uniformly.
 * (A share adapted to each type's recent yield, as in AnyBURL's reinforced variant, measured worse on
 * FB15k-237: it starves the cyclic types, whose rules generalise best.)
 *
 * <p>Deterministic: sample {@code i} of round {@code k} draws from a generator seeded with
 * {@code (seed, k, i)}, and a rule is measured with a generator seeded with its key. The same seed and
 * number of rounds give the same rules with any number of threads. Cost: about {@code sampleSize}
 * grounding steps per new rule. Never writes the store.
 */
public final class RuleLearner {

    private static final int CHUNK = 32;

    private final Projection train;
    private final LearnParameters parameters;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final TerminationFlag termination;

    public RuleLearner(Projection train, LearnParameters parameters, ExecutorService pool, ProgressListener progress,
                       TerminationFlag termination) {
        this.train = train;
        this.parameters = parameters;
        this.pool = pool;
        this.progress = progress;
        this.termination = termination;
    }

    /** Receives the rules learned so far at a checkpoint. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(double learningSeconds, List<Rule> rulesSoFar);
    }

    public LearnResult learn() {
        return learn(new double[0], (s, r) -> { });
    }

    /**
     * Learns, handing the rules found so far (sorted) to {@code checkpoint} at each of the given learning
     * times in seconds, at the first round boundary after each. Time spent in the callback does not count
     * as learning time.
     */
    public LearnResult learn(double[] checkpoints, Checkpoint checkpoint) {
        long start = System.nanoTime();
        long paused = 0;
        int nextCheckpoint = 0;
        long deadline = parameters.seconds() > 0 ? start + (long) (parameters.seconds() * 1e9) : Long.MAX_VALUE;
        PathType[] types = allowedTypes();
        Set<Rule.Key> seen = new HashSet<>();
        List<Rule> kept = new ArrayList<>();
        NeighbourSets neighbourSets = new NeighbourSets(train);
        long samples = 0;
        int round = 0;
        progress.begin("learn rules", -1, "rules");
        try {
            if (parameters.zeroRules()) {
                for (Rule z : ZeroRules.of(train, parameters)) {
                    seen.add(z.key());
                    kept.add(z);
                }
            }
            int unreported = kept.size(); // reported with the first round: progress advances once a round
            while (parameters.rounds() == 0 || round < parameters.rounds()) {
                if (round > 0 && (System.nanoTime() - paused >= deadline || !termination.isRunning())) {
                    break;
                }
                Map<Rule.Key, Rule> found = runRound(round, types, seen, neighbourSets);
                samples += parameters.samplesPerRound();
                kept.addAll(found.values());
                progress.advance(found.size() + unreported);
                unreported = 0;
                round++;
                double learned = (System.nanoTime() - paused - start) / 1e9;
                while (nextCheckpoint < checkpoints.length && learned >= checkpoints[nextCheckpoint]) {
                    long pause = System.nanoTime();
                    List<Rule> snapshot = new ArrayList<>(kept);
                    snapshot.sort(order(parameters.pc()));
                    checkpoint.reached(learned, snapshot);
                    paused += System.nanoTime() - pause;
                    nextCheckpoint++;
                }
            }
        } finally {
            progress.end();
        }
        kept.sort(order(parameters.pc()));
        return new LearnResult(List.copyOf(kept), round, samples, seen.size(),
                (System.nanoTime() - paused - start) / 1e9);
    }

    /** Sorts rules by confidence, then predictions, then their packed shape and constants: a total order. */
    public static Comparator<Rule> order(double pc) {
        return Comparator.comparingDouble((Rule r) -> -r.confidence(pc)).thenComparingLong(r -> -r.predicted())
                .thenComparingLong(r -> r.key().shape()).thenComparingInt(r -> r.key().headConstant())
                .thenComparingInt(r -> r.key().endConstant());
    }

    private PathType[] allowedTypes() {
        List<PathType> list = new ArrayList<>();
        for (PathType t : PathType.values()) {
            if (t.length <= (t.cyclic ? parameters.maxCyclic() : parameters.maxAcyclic())) {
                list.add(t);
            }
        }
        return list.toArray(PathType[]::new);
    }

    /**
     * One round: the rules kept among those first found in it. Which thread measures a rule does not
     * matter: its measure depends only on its key. The round's candidates then join {@code seen}.
     */
    private Map<Rule.Key, Rule> runRound(int round, PathType[] types, Set<Rule.Key> seen, NeighbourSets neighbourSets) {
        int n = parameters.samplesPerRound();
        Set<Rule.Key> candidates = ConcurrentHashMap.newKeySet();
        Map<Rule.Key, Rule> kept = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < parameters.threads(); w++) {
            workers.add(pool.submit(() -> {
                PathSampler sampler = new PathSampler(train, neighbourSets);
                RuleMeasure measure = new RuleMeasure(train, parameters.sampleSize(), parameters.maxVisits());
                int from;
                while ((from = next.getAndAdd(CHUNK)) < n) {
                    for (int i = from; i < Math.min(n, from + CHUNK); i++) {
                        SplittableRandom rng = new SplittableRandom(mix(parameters.seed(), round, i));
                        sampler.sample(rng, types[rng.nextInt(types.length)], rule -> {
                            Rule.Key key = rule.key();
                            if (seen.contains(key) || !candidates.add(key)) {
                                return;
                            }
                            Rule m = measure.measure(rule, mix(parameters.seed(), key.shape(), key.headConstant(),
                                    key.endConstant()));
                            if (m.correct() >= parameters.minCorrect()
                                    && m.confidence(parameters.pc()) >= parameters.minConfidence()) {
                                kept.put(key, m);
                            }
                        });
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rule learning interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        seen.addAll(candidates);
        return kept;
    }

    /** A 64-bit mix of several values (SplitMix64 finaliser over a running sum). */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h += v * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }
}
