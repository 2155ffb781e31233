package org.strata.rules.combine;

import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.Firings;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.learn.LearnParameters;

/**
 * Makes the network's {@link Query queries} from the rules that fire: for training, a training fact asked
 * in one direction with the fact left out of every grounding (and the other known answers left out of the
 * candidates, as the filtered evaluation leaves them out of the ranking); for answering, any query. Keeps
 * at most {@code maxCandidates} candidates (the best by the starting scores, and the answer of a training
 * query wherever it ranks), and at most {@code maxRules} rules per candidate (the first in the starting
 * network's {@link ReadingOrder}).
 *
 * <p>One per thread: it holds an engine session.
 */
final class QueryBuilder {

    private final RuleEngine engine;
    private final RuleSession session;
    private final RuleNetwork start;
    /** How a candidate's rules are read: heaviest first by the starting weights, then the more confident. */
    private final ReadingOrder order;
    private final Projection known;
    private final int entities;
    private final int maxCandidates;
    private final int maxRules;
    /** Facts whose answers are kept as candidates without counting towards the cap, or null. */
    private final Projection uncounted;
    /** Per entity: how many training facts link it to the asking entity, valid where {@code linkStamp} is current. */
    private final int[] links;
    private final int[] linkStamp;
    private int stamp;

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
        this.order = start.readingOrder(engine);
        this.known = known;
        this.entities = engine.train().entityCount();
        this.maxCandidates = maxCandidates;
        this.maxRules = maxRules;
        this.links = new int[entities];
        this.linkStamp = new int[entities];
    }

    /**
     * The training query of {@code fact} asked in {@code direction}, its fact left out; the answer is a
     * candidate wherever the starting scores rank it.
     */
    public Query training(int head, int relation, int tail, Direction direction) {
        return training(head, relation, tail, direction, false);
    }

    /**
     * As {@link #training(int, int, int, Direction)}; with {@code pair}, every fact between head and tail is
     * left out of the groundings, not only the asked one ({@link LinkedPairs}).
     */
    public Query training(int head, int relation, int tail, Direction direction, boolean pair) {
        int entity = direction == Direction.OUT ? head : tail;
        int answer = direction == Direction.OUT ? tail : head;
        Firings f = session.fire(entity, relation, direction, answer, pair);
        // the asked fact links the answer, and with the pair every fact between them is left out
        return build(withoutOwnRules(f, f.indexOf(answer)), answer, true, pair ? Integer.MAX_VALUE : 1);
    }

    /**
     * The firings without the rules that exist only because of the asked fact: a rule that predicts the
     * answer counted the asked fact among its correct predictions, and without it would have fallen below
     * the learner's minimum ({@link LearnParameters#MIN_CORRECT}), so it would not have been learned. Left
     * in, they are right in every training query they fire in (they were found from those very facts) and
     * the network learns to trust them; on unseen facts they are mostly wrong. Candidates left with no rule
     * join the unreached.
     */
    private Firings withoutOwnRules(Firings f, int answerAt) {
        if (answerAt < 0) {
            return f;
        }
        int[] dropped = Arrays.stream(f.rules()[answerAt])
                .filter(r -> engine.rules().get(r).correct() - 1 < LearnParameters.MIN_CORRECT).sorted().toArray();
        if (dropped.length == 0) {
            return f;
        }
        int n = f.size();
        int[] candidates = new int[n];
        int[][] rules = new int[n][];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int[] kept = Arrays.stream(f.rules()[i]).filter(r -> Arrays.binarySearch(dropped, r) < 0).toArray();
            if (kept.length > 0) {
                candidates[m] = f.candidates()[i];
                rules[m++] = kept;
            }
        }
        return new Firings(f.entity(), f.relation(), f.direction(), Arrays.copyOf(candidates, m),
                Arrays.copyOf(rules, m));
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
        return build(session.fire(entity, relation, direction, answer), answer, keepAnswer, 0);
    }

    /** A query to answer. */
    public Query answering(int entity, int relation, Direction direction) {
        return build(session.fire(entity, relation, direction, -1), -1, false, 0);
    }

    /**
     * The query of firings {@code f}; {@code ownLinks} of the training facts between the asking entity and the
     * answer are left out by the query, so they do not make the answer linked.
     */
    private Query build(Firings f, int answer, boolean keepAnswer, int ownLinks) {
        int n = f.size();
        int[][] rules = new int[n][];
        double[] score = new double[n];
        boolean[] linkedAll = linked(f, answer, ownLinks);
        boolean[] filledAll = filled(f, answer);
        Layout l = new Layout();
        for (int i = 0; i < n; i++) {
            rules[i] = order.first(f.rules()[i], maxRules);
            score[i] = start.score(rules[i], start.gain(f.relation(), f.direction(),
                    linkedAll != null && linkedAll[i], filledAll != null && filledAll[i]), l);
        }
        int answerAt = answer < 0 ? -1 : f.indexOf(answer);
        // only the best are kept: order as many as hold maxCandidates counted ones, not all n
        int t = Math.min(n, maxCandidates);
        int[] order = topByScore(score, t);
        while (t < n && counted(order, f, answerAt) < maxCandidates) {
            t = (int) Math.min(n, 2L * t);
            order = topByScore(score, t);
        }
        boolean answerKept = answerAt < 0 || !keepAnswer;
        int[] candidates = new int[n];
        int[][] kept = new int[n][];
        boolean[] linked = linkedAll == null ? null : new boolean[n];
        boolean[] filled = filledAll == null ? null : new boolean[n];
        int target = -1;
        int m = 0;
        int counted = 0;
        for (int j = 0; j < order.length && counted < maxCandidates; j++) {
            int i = order[j];
            candidates[m] = f.candidates()[i];
            kept[m] = rules[i];
            if (linked != null) {
                linked[m] = linkedAll[i];
            }
            if (filled != null) {
                filled[m] = filledAll[i];
            }
            if (i == answerAt) {
                target = m;
                answerKept = true;
            }
            if (counts(f, i, answerAt)) {
                counted++;
            }
            m++;
        }
        if (!answerKept) {
            candidates[m] = f.candidates()[answerAt];
            kept[m] = rules[answerAt];
            if (linked != null) {
                linked[m] = linkedAll[answerAt];
            }
            if (filled != null) {
                filled[m] = filledAll[answerAt];
            }
            target = m++;
        }
        candidates = Arrays.copyOf(candidates, m);
        kept = Arrays.copyOf(kept, m);
        linked = linked == null ? null : Arrays.copyOf(linked, m);
        filled = filled == null ? null : Arrays.copyOf(filled, m);
        int excluded = knownAnswers(f.entity(), f.relation(), f.direction()) - (answer >= 0 ? 1 : 0);
        // candidates past the cap join the unreached: a query is answered the same way, leaving them unscored
        int unreached = Math.max(0, entities - m - Math.max(0, excluded) - 1);
        return new Query(f.relation(), f.direction(), candidates, kept, target, unreached, linked, filled);
    }

    /** How many of the candidates at {@code order} count toward the cap. */
    private int counted(int[] order, Firings f, int answerAt) {
        int c = 0;
        for (int i : order) {
            c += counts(f, i, answerAt) ? 1 : 0;
        }
        return c;
    }

    /** Whether candidate {@code i} counts toward the cap: the answer, and any that is not an uncounted fact. */
    private boolean counts(Firings f, int i, int answerAt) {
        return uncounted == null || i == answerAt || !isFact(uncounted, f, f.candidates()[i]);
    }

    /**
     * The first {@code t} positions of {@code score} in the order highest score first, equal scores in
     * position order: a bounded heap of the best {@code t} seen (most candidates fall below its worst at
     * once), then sorted. Equals the first {@code t} of a stable descending sort of all positions.
     */
    static int[] topByScore(double[] score, int t) {
        int n = score.length;
        if (t < 0 || t > n) {
            throw new IllegalArgumentException("t must be between 0 and " + n + ", got " + t);
        }
        int[] heap = new int[t]; // the worst of the best t at the root
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size < t) {
                int j = size++;
                heap[j] = i;
                while (j > 0 && worse(score, heap[j], heap[(j - 1) / 2])) {
                    int parent = (j - 1) / 2;
                    int x = heap[j];
                    heap[j] = heap[parent];
                    heap[parent] = x;
                    j = parent;
                }
            } else if (t > 0 && worse(score, heap[0], i)) {
                heap[0] = i;
                siftDown(score, heap, size);
            }
        }
        int[] out = new int[size];
        for (int k = size - 1; k >= 0; k--) { // take the worst out each time: the best end up first
            out[k] = heap[0];
            heap[0] = heap[k];
            siftDown(score, heap, k);
        }
        return out;
    }

    /** Whether position {@code a} comes after {@code b}: a lower score, or an equal one at a later position. */
    private static boolean worse(double[] score, int a, int b) {
        int c = Double.compare(score[a], score[b]);
        return c < 0 || c == 0 && a > b;
    }

    private static void siftDown(double[] score, int[] heap, int size) {
        int j = 0;
        while (true) {
            int l = 2 * j + 1;
            if (l >= size) {
                return;
            }
            int w = l + 1 < size && worse(score, heap[l + 1], heap[l]) ? l + 1 : l;
            if (!worse(score, heap[w], heap[j])) {
                return;
            }
            int x = heap[j];
            heap[j] = heap[w];
            heap[w] = x;
            j = w;
        }
    }

    /**
     * For each of {@code f}'s candidates, whether a training fact links it to the asking entity (either way,
     * any relation), not counting {@code ownLinks} of the facts between the entity and {@code answer}; null
     * when none is linked.
     */
    private boolean[] linked(Firings f, int answer, int ownLinks) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(linkStamp, 0);
            stamp = 1;
        }
        Projection train = engine.train();
        for (Direction d : Direction.values()) {
            var adjacency = train.adjacency(d);
            for (int i = adjacency.start(f.entity()); i < adjacency.end(f.entity()); i++) {
                int e = adjacency.neighbour(i);
                if (linkStamp[e] != stamp) {
                    linkStamp[e] = stamp;
                    links[e] = 0;
                }
                links[e]++;
            }
        }
        boolean[] out = null;
        for (int i = 0; i < f.size(); i++) {
            int c = f.candidates()[i];
            int count = linkStamp[c] == stamp ? links[c] : 0;
            if (c == answer) {
                count = ownLinks >= count ? 0 : count - ownLinks;
            }
            if (count > 0) {
                if (out == null) {
                    out = new boolean[f.size()];
                }
                out[i] = true;
            }
        }
        return out;
    }

    /**
     * For each of {@code f}'s candidates, whether it already fills the answer's place in a training fact of
     * the query relation (for a tail query, whether it is the tail of some fact of the relation), the asked
     * fact left out where it is a training fact (a training or held-out query). Null when none does.
     */
    private boolean[] filled(Firings f, int answer) {
        var place = engine.train().index(f.relation(), f.direction() == Direction.OUT ? Direction.IN : Direction.OUT);
        boolean[] out = null;
        for (int i = 0; i < f.size(); i++) {
            int c = f.candidates()[i];
            int count = place.degree(c);
            if (c == answer && count > 0 && isFact(engine.train(), f, c)) {
                count--;
            }
            if (count > 0) {
                if (out == null) {
                    out = new boolean[f.size()];
                }
                out[i] = true;
            }
        }
        return out;
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
