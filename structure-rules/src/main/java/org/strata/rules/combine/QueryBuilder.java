package org.strata.rules.combine;

import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.Firings;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;

/**
 * Makes the network's {@link Query queries} from the rules that fire: for training, a training fact asked
 * in one direction with the fact left out of every grounding (and the other known answers left out of the
 * candidates, as the filtered evaluation leaves them out of the ranking); for answering, any query. Keeps
 * at most {@code maxCandidates} candidates (the best by the starting scores, and the answer of a training
 * query wherever it ranks), and at most {@code maxRules} rules per candidate (the most confident).
 *
 * <p>One per thread: it holds an engine session.
 */
final class QueryBuilder {

    private final RuleEngine engine;
    private final RuleSession session;
    private final RuleNetwork start;
    private final Projection known;
    private final int entities;
    private final int maxCandidates;
    private final int maxRules;
    /** Facts whose answers are kept as candidates without counting towards the cap, or null. */
    private final Projection uncounted;

    /**
     * @param known the facts whose answers are not candidates of a query (the training facts, for training
     *              and for answering alike)
     */
    public QueryBuilder(RuleEngine engine, RuleNetwork start, Projection known, int maxCandidates, int maxRules,
                        int maxVisits) {
        this(engine, start, known, null, maxCandidates, maxRules, maxVisits);
    }

    /**
     * @param uncounted facts whose answers are candidates that do not count towards {@code maxCandidates}:
     *                  the evaluation's filter, whose answers are ranked away anyway (as the validation
     *                  queries, built with that filter as {@code known}, never hold them); or null
     */
    public QueryBuilder(RuleEngine engine, RuleNetwork start, Projection known, Projection uncounted,
                        int maxCandidates, int maxRules, int maxVisits) {
        this.uncounted = uncounted;
        this.engine = engine;
        this.session = engine.newSession(1, 1, maxVisits, known);
        this.start = start;
        this.known = known;
        this.entities = engine.train().entityCount();
        this.maxCandidates = maxCandidates;
        this.maxRules = maxRules;
    }

    /**
     * The training query of {@code fact} asked in {@code direction}, its fact left out; the answer is a
     * candidate wherever the starting scores rank it.
     */
    public Query training(int head, int relation, int tail, Direction direction) {
        return asked(head, relation, tail, direction, true);
    }

    /**
     * A query whose answer is known, asked as it will be answered: an answer past the candidate cap is
     * among the unreached, as an evaluation would leave it unscored (validation).
     */
    public Query validation(int head, int relation, int tail, Direction direction) {
        return asked(head, relation, tail, direction, false);
    }

    private Query asked(int head, int relation, int tail, Direction direction, boolean keepAnswer) {
        int entity = direction == Direction.OUT ? head : tail;
        int answer = direction == Direction.OUT ? tail : head;
        return build(session.fire(entity, relation, direction, answer), answer, keepAnswer);
    }

    /** A query to answer. */
    public Query answering(int entity, int relation, Direction direction) {
        return build(session.fire(entity, relation, direction, -1), -1, false);
    }

    private Query build(Firings f, int answer, boolean keepAnswer) {
        int n = f.size();
        int[][] rules = new int[n][];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            int[] r = byConfidence(f.rules()[i]);
            rules[i] = r.length > maxRules ? Arrays.copyOf(r, maxRules) : r;
            score[i] = start.score(rules[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int answerAt = answer < 0 ? -1 : f.indexOf(answer);
        boolean answerKept = answerAt < 0 || !keepAnswer;
        int[] candidates = new int[n];
        int[][] kept = new int[n][];
        int target = -1;
        int m = 0;
        int counted = 0;
        for (int j = 0; j < n && counted < maxCandidates; j++) {
            int i = order[j];
            candidates[m] = f.candidates()[i];
            kept[m] = rules[i];
            if (i == answerAt) {
                target = m;
                answerKept = true;
            }
            if (uncounted == null || i == answerAt || !isFact(uncounted, f, candidates[m])) {
                counted++;
            }
            m++;
        }
        if (!answerKept) {
            candidates[m] = f.candidates()[answerAt];
            kept[m] = rules[answerAt];
            target = m++;
        }
        candidates = Arrays.copyOf(candidates, m);
        kept = Arrays.copyOf(kept, m);
        int excluded = knownAnswers(f.entity(), f.relation(), f.direction()) - (answer >= 0 ? 1 : 0);
        // candidates past the cap join the unreached: a query is answered the same way, leaving them unscored
        int unreached = Math.max(0, entities - m - Math.max(0, excluded) - 1);
        return new Query(f.relation(), f.direction(), candidates, kept, target, unreached);
    }

    /** The rules most confident first (ties: the earlier rule first), as the network reads them. */
    private int[] byConfidence(int[] rules) {
        int[] sorted = rules.clone();
        // insertion sort: a candidate has few rules, and most arrive nearly in order
        for (int i = 1; i < sorted.length; i++) {
            int r = sorted[i];
            double c = engine.confidence(r);
            int j = i - 1;
            while (j >= 0 && (engine.confidence(sorted[j]) < c || engine.confidence(sorted[j]) == c && sorted[j] > r)) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = r;
        }
        return sorted;
    }

    private static boolean isFact(Projection facts, Firings f, int candidate) {
        return f.direction() == Direction.OUT ? facts.index(f.relation(), Direction.OUT).contains(f.entity(), candidate)
                : facts.index(f.relation(), Direction.OUT).contains(candidate, f.entity());
    }

    private int knownAnswers(int entity, int relation, Direction direction) {
        var index = known.index(relation, direction);
        int pos = index.find(entity);
        return pos < 0 ? 0 : index.end(pos) - index.start(pos);
    }
}
