package org.strata.rules.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.graph.eval.BoostedTreesFusion;
import org.strata.graph.eval.Fusion;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.LogisticFusion;
import org.strata.graph.govern.FactJudge;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.graph.store.Proposal;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * The rules' judge of a proposed fact (see the package): a calibrated probability that (h, r, t) is true,
 * a call (CONFIRM at or above the confirmation threshold, DOUBT at or below the doubt threshold) and the
 * evidence for and against in words: the rules that predict it with their confidence, or their absence;
 * a head or tail that already has more partners under r than the relation's average.
 *
 * <p>{@link #judge} may be called from several threads (it serialises on one session);
 * {@link #judgeAll} fires the rules on the judge's own workers.
 */
public final class RuleJudge implements FactJudge {

    /**
     * How the calibration went, on out-of-fold probabilities (each row scored by a fusion fitted without it).
     *
     * @param facts            believed facts drawn (each with its corruption)
     * @param confirmThreshold the least probability that confirms (above 1: nothing does)
     * @param confirmPrecision the precision of a confirmation in the calibration (NaN: none)
     * @param confirmRecall    the share of held-out true facts confirmed
     * @param doubtThreshold   the greatest probability that doubts (below 0: nothing does)
     * @param doubtedTrue      the share of held-out true facts doubted
     * @param doubtedFalse     the share of held-out corruptions doubted
     */
    public record Calibration(int facts, double confirmThreshold, double confirmPrecision, double confirmRecall,
                              double doubtThreshold, double doubtedTrue, double doubtedFalse) {
    }

    /** A judgement with what it was made of: the features, and the best rule of each side (-1: none). */
    record Assessment(double[] features, double probability, int tailRule, int headRule, int tailsOfHead,
                      int headsOfTail, int sharedNeighbours, long threeStepPaths) {
    }

    /** The fewest true triples a confirmation threshold, or a calibration, must rest on. */
    static final int MIN_CONFIRMED = 10;
    /** Folds of the calibration rows: the thresholds are chosen on probabilities from fusions fitted without them. */
    private static final int FOLDS = 5;
    /** The fusion's regularisation: strong enough that a rare relation's indicator does not fit its few rows. */
    private static final double L2 = 1e-2;
    /**
     * The tree depths the calibration chooses among (see {@link #crossFitted}), by out-of-fold recall at the
     * confirmation precision: on FB15k-237's validation triples (35,054, 10 s of rules) depth 5 confirmed
     * 0.45 of the true ones where depth 3 confirmed 0.41; on CoDEx-S's 3,654 depth 3 did best.
     */
    private static final int[] TREE_DEPTHS = {3, 5};
    private static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;

    private final RuleEngine engine;
    private final double pc;
    private final LinkScorer opinion;
    private final String opinionName;
    private final Fusion model;
    private final Calibration calibration;
    private final int threads;
    private final ExecutorService pool;
    private final String unfit;
    private final ProgressListener progress;
    private final boolean indicators;
    private final boolean resemblance;
    private TripleFeatures shared;

    private RuleJudge(RuleEngine engine, double pc, LinkScorer opinion, Fusion model, Calibration calibration,
                      JudgeParameters parameters, ExecutorService pool, String unfit, ProgressListener progress) {
        this.engine = engine;
        this.indicators = indicators(parameters);
        this.resemblance = resemblance(parameters);
        this.progress = progress;
        this.pc = pc;
        this.opinion = opinion;
        this.opinionName = opinion == null ? null : opinion.name();
        this.model = model;
        this.calibration = calibration;
        this.threads = parameters.threads();
        this.pool = pool;
        this.unfit = unfit;
    }

    /**
     * Calibrates a judge for the believed facts {@code believed} and the rules learned from them: draws
     * {@code calibrationFacts} believed facts, corrupts each once (its tail or its head, alternately, by an
     * entity found in that position of the relation, never a believed fact), computes their features with
     * the fact left out, fits the fusion and chooses the thresholds (see {@link #crossFitted}). With fewer
     * than 50 believed facts or no rules, the judge calls every fact UNDECIDED and says why.
     */
    public static RuleJudge fit(Projection believed, List<Rule> rules, double pc, JudgeParameters parameters,
                                ExecutorService pool, ProgressListener progress) throws InterruptedException {
        return fit(believed, rules, pc, parameters, null, pool, progress);
    }

    /**
     * As {@link #fit(Projection, List, double, JudgeParameters, ExecutorService, ProgressListener)}, with a
     * second, independent opinion: {@code opinions} gives a scorer over the believed facts' entity and
     * relation ids (an embedding model's; null: none), whose log-probabilities of the tail and the head the
     * fusion weighs beside the rules. Such a model was trained on the believed facts and knows them: only
     * labelled triples can calibrate its opinion.
     *
     * @throws IllegalArgumentException with an opinion but no labelled triples
     */
    public static RuleJudge fit(Projection believed, List<Rule> rules, double pc, JudgeParameters parameters,
                                java.util.function.Function<Projection, LinkScorer> opinions, ExecutorService pool,
                                ProgressListener progress) throws InterruptedException {
        return fit(new RuleEngine(believed, rules, pc, Aggregation.NOISY_OR, 1), pc, parameters, opinions, pool,
                progress);
    }

    /**
     * As above, firing the rules of an engine already built over the believed facts (its smoothing
     * constant {@code pc}): a caller that fires the same rules for other work compiles them once.
     */
    public static RuleJudge fit(RuleEngine engine, double pc, JudgeParameters parameters,
                                java.util.function.Function<Projection, LinkScorer> opinions, ExecutorService pool,
                                ProgressListener progress) throws InterruptedException {
        Projection believed = engine.train();
        List<Rule> rules = engine.rules();
        LinkScorer opinion = opinions == null ? null : opinions.apply(believed);
        if (opinion != null && parameters.labelledTrue() == null) {
            throw new IllegalArgumentException("a second opinion (" + opinion.name() + ") needs labelled triples to "
                    + "calibrate it (--calibrate-true and --calibrate-false): it was trained on the believed facts, "
                    + "so they cannot");
        }
        if (parameters.labelledTrue() != null) {
            return fitLabelled(engine, pc, opinion, parameters, pool, progress);
        }
        int n = Math.min(parameters.calibrationFacts(), believed.factCount());
        if (n < 50 || rules.isEmpty()) {
            String why = rules.isEmpty() ? "no rules to judge by" : "too few believed facts to calibrate (" + n + ")";
            return unfit(engine, pc, opinion, n, parameters, pool, why, progress);
        }
        Random random = new Random(parameters.seed());
        int[] drawn = draw(believed.factCount(), n, random);
        int[][] corrupt = new int[n][];
        for (int i = 0; i < n; i++) {
            corrupt[i] = corruption(believed, drawn[i], i % 2 == 0, random);
        }
        double[][] positive = new double[n][];
        double[][] negative = new double[n][];
        progress.begin("calibrating the rules' judge", n, "facts");
        try {
            parallel(n, parameters.threads(), pool, engine, pc, opinion, indicators(parameters),
                    resemblance(parameters), (features, i) -> {
                int f = drawn[i];
                positive[i] = features.of(believed.head(f), believed.relation(f), believed.tail(f), true);
                if (corrupt[i] != null) {
                    negative[i] = features.without(corrupt[i][0], corrupt[i][1], corrupt[i][2], believed.head(f),
                            believed.tail(f));
                }
                progress.advance(1);
            });
        } finally {
            progress.end();
        }
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(positive[i]);
            labels.add(true);
            folds.add(i % FOLDS);
            if (negative[i] != null) {
                rows.add(negative[i]); // a fact and its corruption in the same fold
                labels.add(false);
                folds.add(i % FOLDS);
            }
        }
        return crossFitted(engine, pc, opinion, rows, labels, folds, n, parameters, pool, progress);
    }

    /**
     * Calibrated on labelled triples: each file's triples that name known entities and relations, at most
     * {@code calibrationFacts} of each file drawn (see
     * {@link #crossFitted} for how they fit the fusion and choose the thresholds).
     */
    private static RuleJudge fitLabelled(RuleEngine engine, double pc, LinkScorer opinion, JudgeParameters parameters,
                                         ExecutorService pool,
                                         ProgressListener progress) throws InterruptedException {
        Projection p = engine.train();
        List<int[]> triples = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            java.nio.file.Path file = label ? parameters.labelledTrue() : parameters.labelledFalse();
            org.strata.graph.io.TripleReader.read(file, org.strata.graph.io.TripleFormat.TSV, (h, r, t, line) -> {
                int hi = p.entities().id(h);
                int ri = p.relations().id(r);
                int ti = p.entities().id(t);
                if (hi >= 0 && ri >= 0 && ti >= 0 && ri < p.relationCount()) {
                    triples.add(new int[] {hi, ri, ti});
                    labels.add(label);
                }
            });
        }
        sample(triples, labels, parameters.calibrationFacts(), parameters.seed());
        int n = triples.size();
        long positives = labels.stream().filter(b -> b).count();
        if (positives < 2 * MIN_CONFIRMED || n - positives < 2 * MIN_CONFIRMED || engine.rules().isEmpty()) {
            return unfit(engine, pc, opinion, n, parameters, pool, engine.rules().isEmpty() ? "no rules to judge by"
                    : "too few labelled triples the store knows (" + positives + " true, " + (n - positives) + " false)",
                    progress);
        }
        double[][] rows = new double[n][];
        progress.begin("calibrating the rules' judge on labelled triples", n, "triples");
        try {
            parallel(n, parameters.threads(), pool, engine, pc, opinion, indicators(parameters),
                    resemblance(parameters), (features, i) -> {
                int[] x = triples.get(i);
                rows[i] = features.of(x[0], x[1], x[2], p.contains(x[0], x[1], x[2]));
                progress.advance(1);
            });
        } finally {
            progress.end();
        }
        List<Integer> folds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            folds.add(i % FOLDS);
        }
        return crossFitted(engine, pc, opinion, java.util.Arrays.asList(rows), labels, folds, n, parameters, pool,
                progress);
    }

    /**
     * The fusion fitted on every calibration row, its thresholds chosen on out-of-fold probabilities: each
     * of the {@link #FOLDS} folds scored by a fusion fitted without it, so that every row helps choose
     * them and none is judged by a fusion that saw it. Trees are grown to each of {@link #TREE_DEPTHS}; the
     * depth whose out-of-fold confirmations reach the most true rows is kept.
     */
    private static RuleJudge crossFitted(RuleEngine engine, double pc, LinkScorer opinion, List<double[]> rows,
                                         List<Boolean> labels, List<Integer> folds, int facts,
                                         JudgeParameters parameters, ExecutorService pool,
                                         ProgressListener progress) {
        List<BoostedTreesFusion.Settings> candidates = new ArrayList<>();
        if (parameters.fusion() == JudgeParameters.FusionKind.TREES) {
            BoostedTreesFusion.Settings d = BoostedTreesFusion.Settings.defaults();
            for (int depth : TREE_DEPTHS) {
                candidates.add(new BoostedTreesFusion.Settings(d.trees(), depth, d.learningRate(), d.minLeaf(), d.l2(),
                        d.bins()));
            }
        } else {
            candidates.add(null);
        }
        Calibration best = null;
        BoostedTreesFusion.Settings chosen = null;
        for (BoostedTreesFusion.Settings settings : candidates) {
            Calibration c = JudgeThresholds.choose(outOfFold(rows, labels, folds, parameters.fusion(), settings), labels,
                    facts, parameters);
            if (best == null || c.confirmRecall() > best.confirmRecall()) {
                best = c;
                chosen = settings;
            }
        }
        return new RuleJudge(engine, pc, opinion, fusion(rows, labels, parameters.fusion(), chosen), best, parameters,
                pool, null, progress);
    }

    /** Each row's probability from a fusion fitted on the other folds. */
    private static double[] outOfFold(List<double[]> rows, List<Boolean> labels, List<Integer> folds,
                                      JudgeParameters.FusionKind kind, BoostedTreesFusion.Settings settings) {
        int m = rows.size();
        double[] outOfFold = new double[m];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<double[]> x = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (folds.get(i) != fold) {
                    x.add(rows.get(i));
                    y.add(labels.get(i));
                }
            }
            Fusion other = fusion(x, y, kind, settings);
            for (int i = 0; i < m; i++) {
                if (folds.get(i) == fold) {
                    outOfFold[i] = 1 / (1 + Math.exp(-other.score(rows.get(i))));
                }
            }
        }
        return outOfFold;
    }

    private static Fusion fusion(List<double[]> rows, List<Boolean> labels, JudgeParameters.FusionKind kind,
                                 BoostedTreesFusion.Settings settings) {
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        double[][] x = rows.toArray(double[][]::new);
        return kind == JudgeParameters.FusionKind.TREES ? BoostedTreesFusion.fit(x, y, settings)
                : LogisticFusion.fit(x, y, L2, 500);
    }

    /** A judge that calls every fact UNDECIDED and says {@code why}. */
    private static RuleJudge unfit(RuleEngine engine, double pc, LinkScorer opinion, int facts,
                                   JudgeParameters parameters, ExecutorService pool, String why,
                                   ProgressListener progress) {
        return new RuleJudge(engine, pc, opinion, null, new Calibration(facts, 2, Double.NaN, 0, -1, 0, 0),
                parameters, pool, why, progress);
    }

    /** Whether the features end with one indicator per relation: for the linear fusion, not for trees. */
    private static boolean indicators(JudgeParameters parameters) {
        return parameters.fusion() == JudgeParameters.FusionKind.LOGISTIC;
    }

    /** Whether the pair's resemblance features are read: only calibrated on labelled triples (see PairFeatures). */
    private static boolean resemblance(JudgeParameters parameters) {
        return parameters.labelledTrue() != null;
    }

    /** Keeps at most {@code most} triples of each label, drawn with {@code seed} (all when there are fewer). */
    private static void sample(List<int[]> triples, List<Boolean> labels, int most, long seed) {
        List<Integer> keep = new ArrayList<>();
        for (boolean label : new boolean[] {true, false}) {
            List<Integer> of = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i) == label) {
                    of.add(i);
                }
            }
            if (of.size() > most) {
                java.util.Collections.shuffle(of, new Random(seed));
                of = new ArrayList<>(of.subList(0, most));
                java.util.Collections.sort(of);
            }
            keep.addAll(of);
        }
        List<int[]> t = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        for (int i : keep) {
            t.add(triples.get(i));
            l.add(labels.get(i));
        }
        triples.clear();
        triples.addAll(t);
        labels.clear();
        labels.addAll(l);
    }

    /** How the calibration went. */
    public Calibration calibration() {
        return calibration;
    }

    /** The engine whose rules the judge fires (its rule indices are those of {@link #bestRule}). */
    public RuleEngine engine() {
        return engine;
    }

    @Override
    public Judgement judge(String head, String relation, String tail) {
        int[] ids = ids(head, relation, tail);
        if (ids == null || unfit != null) {
            return undecided(head, relation, tail);
        }
        synchronized (this) {
            if (shared == null) {
                shared = new TripleFeatures(engine, pc, MAX_VISITS, opinion, indicators, resemblance);
            }
            return judgement(ids, assess(shared, ids));
        }
    }

    @Override
    public List<Judgement> judgeAll(List<Proposal> proposals) {
        return weigh(proposals).stream().map(Weighed::judgement).toList();
    }

    /**
     * A judgement with the best rule with a body that predicts the fact's tail (else its head), as an index
     * into {@link #engine}'s rules (-1: none, or the judge cannot tell).
     */
    public record Weighed(Judgement judgement, int bestRule) {
    }

    /** Judges many proposals, in their order, each with its best rule; on the judge's workers, with progress. */
    public List<Weighed> weigh(List<Proposal> proposals) {
        Assessment[] assessed = assessAll(proposals);
        List<Weighed> out = new ArrayList<>(proposals.size());
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            Assessment a = assessed[i];
            out.add(a == null ? new Weighed(undecided(p.head(), p.relation(), p.tail()), -1)
                    : new Weighed(judgement(ids(p.head(), p.relation(), p.tail()), a),
                    a.tailRule() >= 0 ? a.tailRule() : a.headRule()));
        }
        return out;
    }

    private Assessment[] assessAll(List<Proposal> proposals) {
        Assessment[] out = new Assessment[proposals.size()];
        if (unfit != null) {
            return out;
        }
        progress.begin("the rules' judge weighs facts", proposals.size(), "facts");
        try {
            parallel(proposals.size(), threads, pool, engine, pc, opinion, indicators, resemblance,
                    (features, i) -> {
                Proposal p = proposals.get(i);
                int[] ids = ids(p.head(), p.relation(), p.tail());
                if (ids != null) {
                    out[i] = assess(features, ids);
                }
                progress.advance(1);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging proposals", e);
        } finally {
            progress.end();
        }
        return out;
    }

    private Assessment assess(TripleFeatures features, int[] ids) {
        double[] x = features.of(ids[0], ids[1], ids[2], engine.train().contains(ids[0], ids[1], ids[2]));
        double p = 1 / (1 + Math.exp(-model.score(x)));
        return new Assessment(x, p, features.tailRule, features.headRule, features.tailsOfHead, features.headsOfTail,
                features.sharedNeighbours, features.threeStepPaths);
    }

    private int[] ids(String head, String relation, String tail) {
        Projection p = engine.train();
        int h = p.entities().id(head);
        int r = p.relations().id(relation);
        int t = p.entities().id(tail);
        return h < 0 || r < 0 || t < 0 || r >= p.relationCount() ? null : new int[] {h, r, t};
    }

    private Judgement undecided(String head, String relation, String tail) {
        String why = unfit != null ? unfit : ids(head, relation, tail) == null
                ? "the believed facts do not know " + head + ", " + relation + " or " + tail : "";
        return new Judgement(Double.NaN, Call.UNDECIDED, "", why);
    }

    private Judgement judgement(int[] ids, Assessment a) {
        Call call = a.probability() >= calibration.confirmThreshold() ? Call.CONFIRM
                : a.probability() <= calibration.doubtThreshold() ? Call.DOUBT : Call.UNDECIDED;
        double[] parts = model.contributions(a.features());
        double tailSide = sum(parts, 0, TripleFeatures.SIDE);
        double headSide = sum(parts, TripleFeatures.SIDE, 2 * TripleFeatures.SIDE);
        List<String> pro = new ArrayList<>();
        List<String> con = new ArrayList<>();
        Projection p = engine.train();
        String h = p.entities().name(ids[0]);
        String r = p.relations().name(ids[1]);
        String t = p.entities().name(ids[2]);
        (tailSide >= 0 ? pro : con).add(ruleSide(a.tailRule(), a.features()[TripleFeatures.TAIL_BEST],
                "as a tail of (" + h + ", " + r + ", ?)", tailSide >= 0));
        (headSide >= 0 ? pro : con).add(ruleSide(a.headRule(), a.features()[TripleFeatures.HEAD_BEST],
                "as a head of (?, " + r + ", " + t + ")", headSide >= 0));
        String meanT = String.format(Locale.ROOT, "%.1f", Math.exp(a.features()[TripleFeatures.MEAN_TAILS]));
        String meanH = String.format(Locale.ROOT, "%.1f", Math.exp(a.features()[TripleFeatures.MEAN_HEADS]));
        (parts[TripleFeatures.HEAD_FULL] >= 0 ? pro : con).add(h + " has " + a.tailsOfHead() + " believed tail"
                + (a.tailsOfHead() == 1 ? "" : "s") + " of " + r + (a.tailsOfHead() == 0 ? "" : " (a head has "
                + meanT + " on average)"));
        (parts[TripleFeatures.TAIL_FULL] >= 0 ? pro : con).add(t + " has " + a.headsOfTail() + " believed head"
                + (a.headsOfTail() == 1 ? "" : "s") + " under " + r + " (a tail has " + meanH + " on average)");
        double near = sum(parts, TripleFeatures.PAIR, TripleFeatures.PAIR + PairFeatures.COUNT);
        double[] x = a.features();
        String like = !resemblance ? "" : String.format(Locale.ROOT, "; %s is like the other heads of (?, %s, %s) up "
                + "to %.2f, %s like the other tails of (%s, %s, ?) up to %.2f (cosine of their edges)", h, r, t,
                x[TripleFeatures.PAIR + PairFeatures.HEAD_LIKE], t, h, r, x[TripleFeatures.PAIR + PairFeatures.TAIL_LIKE]);
        (near >= 0 ? pro : con).add(String.format(Locale.ROOT, "%s and %s share %d neighbour%s and %d path%s of three "
                + "steps%s", h, t, a.sharedNeighbours(), a.sharedNeighbours() == 1 ? "" : "s", a.threeStepPaths(),
                a.threeStepPaths() == 1 ? "" : "s", like));
        if (opinion != null) {
            double said = parts[TripleFeatures.COUNT] + parts[TripleFeatures.COUNT + 1];
            (said >= 0 ? pro : con).add(String.format(Locale.ROOT, "%s gives the tail log-probability %.1f and the head "
                    + "%.1f", opinionName, a.features()[TripleFeatures.COUNT], a.features()[TripleFeatures.COUNT + 1]));
        }
        String threshold = call == Call.CONFIRM ? String.format(Locale.ROOT, " (at least %.3f confirms)",
                calibration.confirmThreshold()) : call == Call.DOUBT ? String.format(Locale.ROOT,
                " (at most %.3f doubts)", calibration.doubtThreshold()) : "";
        return new Judgement(a.probability(), call, String.join("; ", pro) + (call == Call.CONFIRM ? threshold : ""),
                String.join("; ", con) + (call == Call.DOUBT ? threshold : ""));
    }

    private String ruleSide(int rule, double confidence, String as, boolean speaksFor) {
        if (rule < 0) {
            return "no rule with a body predicts it " + as;
        }
        Projection p = engine.train();
        String text = RuleFormat.text(engine.rules().get(rule), p.entities(), p.relations());
        return speaksFor ? String.format(Locale.ROOT, "%s (confidence %.2f) predicts it %s", text, confidence, as)
                : String.format(Locale.ROOT, "only weak rules predict it %s, the best %s (confidence %.2f)", as, text,
                confidence);
    }

    private static double sum(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }

    /** {@code n} distinct fact indices out of {@code total}, in draw order. */
    private static int[] draw(int total, int n, Random random) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(total - i);
            int x = all[i];
            all[i] = all[j];
            all[j] = x;
        }
        return Arrays.copyOf(all, n);
    }

    /**
     * Fact {@code f} with its tail (or head) replaced by an entity found in that position of its relation,
     * making a triple that is not a believed fact; null when 50 draws find none.
     */
    static int[] corruption(Projection p, int f, boolean tail, Random random) {
        int h = p.head(f);
        int r = p.relation(f);
        int t = p.tail(f);
        RelationIndex ends = p.index(r, tail ? Direction.IN : Direction.OUT); // keyed by tails (heads) of r
        for (int attempt = 0; attempt < 50; attempt++) {
            int e = ends.key(random.nextInt(ends.keyCount()));
            int nh = tail ? h : e;
            int nt = tail ? e : t;
            if (!p.contains(nh, r, nt)) {
                return new int[] {nh, r, nt};
            }
        }
        return null;
    }

    /** Work on the triple {@code i}, with a worker's own features (they hold a rule session). */
    private interface Work {
        void run(TripleFeatures features, int i);
    }

    private static void parallel(int n, int threads, ExecutorService pool, RuleEngine engine, double pc,
                                 LinkScorer opinion, boolean indicators, boolean resemblance, Work work)
            throws InterruptedException {
        if (n == 0) {
            return;
        }
        if (pool == null || threads == 1) {
            TripleFeatures features = new TripleFeatures(engine, pc, MAX_VISITS, opinion, indicators, resemblance);
            for (int i = 0; i < n; i++) {
                work.run(features, i);
            }
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int w = 0; w < threads; w++) {
            parts.add(pool.submit(() -> {
                TripleFeatures features = new TripleFeatures(engine, pc, MAX_VISITS, opinion, indicators, resemblance);
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    work.run(features, i);
                }
            }));
        }
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("judging failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
