package org.strata.rules.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
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

    /**
     * What a calibration kept to fuse the features: the fusion ({@code trees}, {@code logistic}, or {@code none}
     * for a judge that could not be calibrated), the trees' depth (0: no trees), how many rows chose the
     * thresholds, and how many fitted the fusion (more: rows that only help fit were kept, see
     * {@link LabelledCalibration}).
     */
    public record Fit(String fusion, int treeDepth, int thresholdRows, int fitRows) {
    }

    /** A judgement with what it was made of: the features, and the best rule of each side (-1: none). */
    record Assessment(double[] features, double probability, int tailRule, int headRule, int tailsOfHead,
                      int headsOfTail, int sharedNeighbours, long threeStepPaths) {
    }

    /** The fewest true triples a confirmation threshold, or a calibration, must rest on. */
    static final int MIN_CONFIRMED = 10;
    /** Folds of the calibration rows: the thresholds are chosen on probabilities from fusions fitted without them. */
    static final int FOLDS = 5;
    /** The fusion's regularisation: strong enough that a rare relation's indicator does not fit its few rows. */
    private static final double L2 = 1e-2;
    /**
     * The tree depths the calibration chooses among (see {@link #crossFitted}), by out-of-fold recall at the
     * confirmation precision: on FB15k-237's validation triples (35,054, 10 s of rules) depth 5 confirmed
     * 0.45 of the true ones where depth 3 confirmed 0.41; on CoDEx-S's 3,654 depth 3 did best.
     */
    private static final int[] TREE_DEPTHS = {3, 5};
    static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;

    private final RuleEngine engine;
    private final double pc;
    private final LinkScorer opinion;
    private final List<String> voiceNames;
    private final Fusion model;
    private final Calibration calibration;
    private final Fit fit;
    private final int threads;
    private final ExecutorService pool;
    private final String unfit;
    private final ProgressListener progress;
    private final TripleFeatures.Kinds kinds;
    private TripleFeatures shared;

    private RuleJudge(RuleEngine engine, double pc, LinkScorer opinion, Fusion model, Calibration calibration, Fit fit,
                      JudgeParameters parameters, ExecutorService pool, String unfit, ProgressListener progress) {
        this.engine = engine;
        this.fit = fit;
        this.kinds = kinds(parameters);
        this.progress = progress;
        this.pc = pc;
        this.opinion = opinion;
        this.voiceNames = opinion == null ? List.of() : opinion.voices().stream().map(LinkScorer::name).toList();
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
     * relation ids (an embedding model's, or a {@link org.strata.graph.eval.Committee} of several; null:
     * none), whose log-probabilities of the tail and the head, per voice, the fusion weighs beside the
     * rules. Such a model was trained on the believed facts and knows them: only labelled triples can
     * calibrate its opinion.
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
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = JudgeWorkers.queryKey(believed.head(drawn[i]), believed.relation(drawn[i]));
            }
            JudgeWorkers.run(n, parameters.threads(), pool, engine, pc, opinion, kinds(parameters), keys, (features, i) -> {
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
        return crossFitted(engine, pc, opinion, rows, labels, folds, rows.size(), n, parameters, pool, progress);
    }

    /**
     * Calibrated on labelled triples: each file's triples that name known entities and relations, at most
     * {@code calibrationFacts} of each file drawn; the fusion fitted on them and on the rows that help fit it
     * ({@link LabelledCalibration}), the thresholds chosen on them alone (see {@link #crossFitted}).
     */
    private static RuleJudge fitLabelled(RuleEngine engine, double pc, LinkScorer opinion, JudgeParameters parameters,
                                         ExecutorService pool,
                                         ProgressListener progress) throws InterruptedException {
        LabelledCalibration labelled = LabelledCalibration.read(engine.train(), parameters);
        int n = labelled.size();
        int positives = labelled.positives();
        if (positives < 2 * MIN_CONFIRMED || n - positives < 2 * MIN_CONFIRMED || engine.rules().isEmpty()) {
            return unfit(engine, pc, opinion, n, parameters, pool, engine.rules().isEmpty() ? "no rules to judge by"
                    : "too few labelled triples the store knows (" + positives + " true, " + (n - positives) + " false)",
                    progress);
        }
        LabelledCalibration.Rows rows = labelled.rows(engine, pc, opinion, parameters, kinds(parameters), pool, progress);
        return crossFitted(engine, pc, opinion, rows.rows(), rows.labels(), rows.folds(), rows.judged(), n, parameters,
                pool, progress);
    }

    /**
     * The fusion and its thresholds, chosen on out-of-fold probabilities of the first {@code judged} rows:
     * each of the {@link #FOLDS} folds scored by a fusion fitted without it, so that every such row helps
     * choose them and none is judged by a fusion that saw it. Trees are grown to each of
     * {@link #TREE_DEPTHS}, and, where there are rows beyond the judged ones (rows that only help fit, see
     * {@link LabelledCalibration}), fitted on the judged rows alone and on all; the fusion whose out-of-fold
     * confirmations reach the most true rows is kept, then fitted on every row of its kind. (Made
     * corruptions help where they resemble the labelled false triples, as on FB15k-237, whose negatives are
     * made the same way: out-of-fold recall 0.50 alone, 0.54 with them and believed facts; on CoDEx-S, whose
     * negatives were chosen to be hard, they mislead: 0.58-0.59 alone, 0.42-0.47 with.)
     */
    private static RuleJudge crossFitted(RuleEngine engine, double pc, LinkScorer opinion, List<double[]> rows,
                                         List<Boolean> labels, List<Integer> folds, int judged, int facts,
                                         JudgeParameters parameters, ExecutorService pool,
                                         ProgressListener progress) {
        Choice c = choose(rows, labels, folds, judged, facts, parameters);
        Fusion model = fusion(rows.subList(0, c.rows()), labels.subList(0, c.rows()), parameters.fusion(), c.settings());
        Fit fit = new Fit(parameters.fusion().name().toLowerCase(java.util.Locale.ROOT),
                c.settings() == null ? 0 : c.settings().depth(), judged, c.rows());
        return new RuleJudge(engine, pc, opinion, model, c.calibration(), fit, parameters, pool, null, progress);
    }

    /** The fusion's settings (null: logistic) and how many of the first rows fit it, with its calibration. */
    record Choice(BoostedTreesFusion.Settings settings, int rows, Calibration calibration) {
    }

    /** The fusion that confirms the most of the first {@code judged} rows out of fold (see {@link #crossFitted}). */
    static Choice choose(List<double[]> rows, List<Boolean> labels, List<Integer> folds, int judged, int facts,
                         JudgeParameters parameters) {
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
        Choice best = null;
        for (int used : judged < rows.size() ? new int[] {judged, rows.size()} : new int[] {judged}) {
            for (BoostedTreesFusion.Settings settings : candidates) {
                double[] outOfFold = outOfFold(rows, labels, folds, judged, used, parameters.fusion(), settings);
                Calibration c = JudgeThresholds.choose(outOfFold, labels.subList(0, judged), facts, parameters);
                if (best == null || c.confirmRecall() > best.calibration().confirmRecall()) {
                    best = new Choice(settings, used, c);
                }
            }
        }
        return best;
    }

    /**
     * The first {@code judged} rows' probabilities, each from a fusion fitted on the first {@code used} rows
     * of the other folds.
     */
    private static double[] outOfFold(List<double[]> rows, List<Boolean> labels, List<Integer> folds, int judged,
                                      int used, JudgeParameters.FusionKind kind, BoostedTreesFusion.Settings settings) {
        double[] outOfFold = new double[judged];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<double[]> x = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            for (int i = 0; i < used; i++) {
                if (folds.get(i) != fold) {
                    x.add(rows.get(i));
                    y.add(labels.get(i));
                }
            }
            Fusion other = fusion(x, y, kind, settings);
            for (int i = 0; i < judged; i++) {
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
                new Fit("none", 0, 0, 0), parameters, pool, why, progress);
    }

    /**
     * The features read: one indicator per relation for the linear fusion, not for trees; the pair's
     * resemblance only where labelled triples calibrate it (see PairFeatures); the left-out mark where believed
     * facts join them ({@link LabelledCalibration}).
     */
    private static TripleFeatures.Kinds kinds(JudgeParameters parameters) {
        boolean labelled = parameters.labelledTrue() != null;
        return new TripleFeatures.Kinds(parameters.fusion() == JudgeParameters.FusionKind.LOGISTIC, labelled,
                labelled && parameters.fitBelievedFacts() > 0);
    }

    /** How the calibration went. */
    public Calibration calibration() {
        return calibration;
    }

    /** What the calibration kept to fuse the features. */
    public Fit fit() {
        return fit;
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
                shared = new TripleFeatures(engine, pc, MAX_VISITS, opinion, kinds);
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
            int[][] all = new int[proposals.size()][];
            int[][] known = new int[3][proposals.size()];
            for (int i = 0; i < all.length; i++) {
                Proposal p = proposals.get(i);
                all[i] = ids(p.head(), p.relation(), p.tail());
                for (int k = 0; k < 3; k++) {
                    known[k][i] = all[i] == null ? -1 : all[i][k];
                }
            }
            long[] keys = JudgeWorkers.sharedQueryKeys(known[0], known[1], known[2]);
            JudgeWorkers.run(proposals.size(), threads, pool, engine, pc, opinion, kinds, keys, (features, i) -> {
                int[] ids = all[i];
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
        String like = !kinds.resemblance() ? "" : String.format(Locale.ROOT, "; %s is like the other heads of (?, %s, %s) up "
                + "to %.2f, %s like the other tails of (%s, %s, ?) up to %.2f (cosine of their edges)", h, r, t,
                x[TripleFeatures.PAIR + PairFeatures.HEAD_LIKE], t, h, r, x[TripleFeatures.PAIR + PairFeatures.TAIL_LIKE]);
        (near >= 0 ? pro : con).add(String.format(Locale.ROOT, "%s and %s share %d neighbour%s and %d path%s of three "
                + "steps%s", h, t, a.sharedNeighbours(), a.sharedNeighbours() == 1 ? "" : "s", a.threeStepPaths(),
                a.threeStepPaths() == 1 ? "" : "s", like));
        for (int k = 0; k < voiceNames.size(); k++) {
            int at = TripleFeatures.COUNT + k * TripleFeatures.OPINION;
            double said = parts[at] + parts[at + 1];
            (said >= 0 ? pro : con).add(String.format(Locale.ROOT, "%s gives the tail log-probability %.1f and the head "
                    + "%.1f", voiceNames.get(k), x[at], x[at + 1]));
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
    static int[] draw(int total, int n, Random random) {
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

}
