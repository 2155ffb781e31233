package org.strata.rules.judge;

import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.apply.Firings;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;

/**
 * The features the judge reads of one triple (h, r, t), from the believed facts. For each side, the
 * tail as an answer to (h, r, ?) and the head as an answer to (?, r, t): the best confidence of a rule with
 * a body that predicts it, the noisy-or of those rules' confidences, how many predict it, how many other
 * candidates a more confident rule reaches, and the prior of a zero rule. Then how full the head and the
 * tail already are under r against the relation's means, and those means; how close h and t lie in the
 * graph whatever the relations ({@link PairFeatures}); a second opinion's log-probabilities where there is
 * one; for a fusion that needs it, which relation it is. A triple that is itself a
 * believed fact is judged as if it were not (left out of every grounding and of the degrees), so that the
 * believed facts can calibrate the judge for triples that are new.
 */
final class TripleFeatures {

    /** Features per side. */
    static final int SIDE = 5;
    /**
     * The structural features: two sides, then head fullness, tail fullness, the relation's mean tails and
     * heads, then the pair's closeness ({@link PairFeatures}).
     */
    static final int COUNT = 2 * SIDE + 4 + PairFeatures.COUNT;
    /**
     * Per voice of a second opinion (an embedding model; a committee has several): its log-probability of
     * the tail and of the head, after the rules' features.
     */
    static final int OPINION = 2;

    /** Indices into the features. */
    static final int TAIL_BEST = 0;
    static final int HEAD_BEST = SIDE;
    static final int HEAD_FULL = 2 * SIDE;
    static final int TAIL_FULL = 2 * SIDE + 1;
    static final int MEAN_TAILS = 2 * SIDE + 2;
    static final int MEAN_HEADS = 2 * SIDE + 3;
    static final int PAIR = 2 * SIDE + 4;

    private final Projection believed;
    private final RuleEngine engine;
    private final RuleSession session;
    private final double pc;
    private final LinkScorer.Session[] voices;
    private final PairFeatures pair;
    private final int relations;
    private final boolean marksLeftOut;
    private boolean leftOut;

    /** What was computed for the last triple besides its features: the best rule of each side (-1: none). */
    int tailRule = -1;
    int headRule = -1;
    int tailsOfHead;
    int headsOfTail;
    int sharedNeighbours;
    long threeStepPaths;

    /**
     * Which features besides the structural ones and the opinion's.
     *
     * @param indicators  one indicator per relation, so that a linear fusion learns how often each relation's
     *                    proposals are true (trees read the relation's means instead: the indicators cost them
     *                    time and, on FB15k-237, recall)
     * @param resemblance the pair's similarity features (see {@link PairFeatures})
     * @param leftOutMark 1 where the triple is judged without a believed fact (a believed fact left out, or a
     *                    corruption of one), 0 for a new triple: for a fusion fitted on both kinds, which differ
     */
    record Kinds(boolean indicators, boolean resemblance, boolean leftOutMark) {
    }

    /**
     * Features for the believed facts of {@code engine}; with {@code opinion} (null: none), a scorer over
     * the same entity and relation ids, two log-probabilities per voice of it too; the other {@code kinds}
     * asked for.
     */
    TripleFeatures(RuleEngine engine, double pc, int maxVisits, LinkScorer opinion, Kinds kinds) {
        this.engine = engine;
        this.pc = pc;
        this.voices = opinion == null ? new LinkScorer.Session[0]
                : opinion.voices().stream().map(LinkScorer::newSession).toArray(LinkScorer.Session[]::new);
        this.pair = new PairFeatures(engine.train(), kinds.resemblance());
        this.relations = kinds.indicators() ? engine.train().relationCount() : 0;
        this.marksLeftOut = kinds.leftOutMark();
        this.believed = engine.train();
        this.session = engine.newSession(1, 1, maxVisits, believed);
    }

    /** The features of (h, r, t); {@code leftOut}: the triple is a believed fact, judged as if it were not. */
    double[] of(int h, int r, int t, boolean leftOut) {
        return leftOut ? without(h, r, t, h, t) : without(h, r, t, -1, -1);
    }

    /**
     * The features of (h, r, t) as if the believed fact (sourceHead, r, sourceTail) were unknown
     * ({@code sourceHead < 0}: none): a corruption of a believed fact is judged in the world without that
     * fact, as the fact itself is, so that neither differs from the other by the fact's own edge (a head
     * that lost one tail to leave-one-out against one that kept it).
     */
    double[] without(int h, int r, int t, int sourceHead, int sourceTail) {
        double[] out = new double[width()];
        this.leftOut = sourceHead == h && sourceTail == t;
        tailRule = side(fire(lastOut, h, r, Direction.OUT, sourceHead, sourceTail), t, out, 0);
        headRule = side(fire(lastIn, t, r, Direction.IN, sourceHead, sourceTail), h, out, SIDE);
        RelationIndex outIndex = believed.index(r, Direction.OUT);
        RelationIndex inIndex = believed.index(r, Direction.IN);
        tailsOfHead = Math.max(0, outIndex.degree(h) - (sourceHead >= 0 && sourceHead == h ? 1 : 0));
        headsOfTail = Math.max(0, inIndex.degree(t) - (sourceTail >= 0 && sourceTail == t ? 1 : 0));
        double meanTails = meanTails(r);
        double meanHeads = meanHeads(r);
        out[HEAD_FULL] = Math.log1p(tailsOfHead) - Math.log(meanTails);
        out[TAIL_FULL] = Math.log1p(headsOfTail) - Math.log(meanHeads);
        out[MEAN_TAILS] = Math.log(meanTails);
        out[MEAN_HEADS] = Math.log(meanHeads);
        pair.fill(h, r, t, sourceHead, sourceTail, out, PAIR);
        sharedNeighbours = pair.shared;
        threeStepPaths = pair.paths;
        int at = COUNT;
        for (LinkScorer.Session voice : voices) {
            out[at++] = Scores.logSoftmax(voice.score(h, r, Direction.OUT), t);
            out[at++] = Scores.logSoftmax(voice.score(t, r, Direction.IN), h);
        }
        if (marksLeftOut) {
            out[at++] = sourceHead >= 0 ? 1 : 0;
        }
        if (relations > 0) {
            out[at + r] = 1;
        }
        return out;
    }

    /** How many features: the structural ones, the opinion's, the left-out mark and one per relation where asked. */
    int width() {
        return COUNT + OPINION * voices.length + (marksLeftOut ? 1 : 0) + relations;
    }

    /**
     * The last firing of one direction and the query it answered: rows that ask the same query one after the
     * other (a fact and its corruption on the other side; several tails of one head) fire it once. A
     * {@link Firings} is immutable, so the features are the same either way.
     */
    private static final class LastFiring {
        int entity = -1;
        int relation;
        int sourceHead;
        int sourceTail;
        Firings firings;
    }

    private final LastFiring lastOut = new LastFiring();
    private final LastFiring lastIn = new LastFiring();

    private Firings fire(LastFiring last, int entity, int r, Direction d, int sourceHead, int sourceTail) {
        if (last.firings != null && last.entity == entity && last.relation == r && last.sourceHead == sourceHead
                && last.sourceTail == sourceTail) {
            return last.firings;
        }
        last.firings = session.fireWithout(entity, r, d, sourceHead, sourceTail);
        last.entity = entity;
        last.relation = r;
        last.sourceHead = sourceHead;
        last.sourceTail = sourceTail;
        return last.firings;
    }

    /** The mean number of tails a head of r has (at least 1). */
    double meanTails(int r) {
        RelationIndex i = believed.index(r, Direction.OUT);
        return Math.max(1.0, i.edgeCount() / (double) Math.max(1, i.keyCount()));
    }

    /** The mean number of heads a tail of r has (at least 1). */
    double meanHeads(int r) {
        RelationIndex i = believed.index(r, Direction.IN);
        return Math.max(1.0, i.edgeCount() / (double) Math.max(1, i.keyCount()));
    }

    /** Fills one side's features at {@code at}; returns the best body rule predicting {@code answer}, or -1. */
    private int side(Firings f, int answer, double[] out, int at) {
        int index = f.indexOf(answer);
        if (index < 0) {
            return -1;
        }
        double noisyOr = 1;
        int bodies = 0;
        double zero = 0;
        double mine = 0;
        int bestRule = -1;
        for (int rule : f.rules()[index]) {
            double c = answerConfidence(rule);
            if (engine.isZero(rule)) {
                zero = Math.max(zero, c);
            } else {
                noisyOr *= 1 - c;
                bodies++;
                if (bestRule < 0 || c > mine) {
                    bestRule = rule;
                    mine = c;
                }
            }
        }
        int above = 0;
        if (mine > 0) {
            for (int i = 0; i < f.size(); i++) {
                if (i != index && beats(f.rules()[i], mine)) {
                    above++;
                }
            }
        }
        out[at] = mine;
        out[at + 1] = 1 - noisyOr;
        out[at + 2] = Math.log1p(bodies);
        out[at + 3] = mine > 0 ? Math.log1p(above) : Math.log1p(f.size());
        out[at + 4] = zero;
        return bestRule;
    }

    /**
     * A rule's confidence as evidence for the judged answer. For a left-out believed fact, the rule was
     * measured with that fact among its correct predictions: without it, one fewer is correct. (A rule
     * whose support is that fact alone says nothing of it.) So the believed facts calibrate the judge as a
     * new fact, whose rules never counted it, will be judged.
     */
    private double answerConfidence(int rule) {
        if (!leftOut) {
            return engine.confidence(rule);
        }
        return engine.rules().get(rule).confidenceWithoutOne(pc);
    }

    /**
     * Whether a rule with a body among {@code rules} is more confident than {@code than}: stops at the first
     * (a candidate's rules arrive mostly most confident first).
     */
    private boolean beats(int[] rules, double than) {
        for (int rule : rules) {
            if (!engine.isZero(rule) && engine.confidence(rule) > than) {
                return true;
            }
        }
        return false;
    }
}
