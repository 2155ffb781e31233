package org.strata.rules.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.ground.PathWalker;

/**
 * Answers queries of one {@link RuleEngine} on one thread: fires the rules of a query in order of
 * confidence, aggregates their predictions, and stops once the top k are settled (max-plus) or every rule
 * fired (noisy-or). Keeps scratch arrays sized by the number of entities, so one session per thread
 * ({@link RuleEngine#newSession}); not thread-safe.
 */
public final class RuleSession {

    private final RuleEngine engine;
    private final int k;
    private final PathWalker walker;
    private final Projection exclude;
    /** Facts whose answers do not count towards k and settle (the evaluation's filter), or null. */
    private final Projection known;
    private final int[] slot;
    /** Per shared body ({@link CompiledRule#body}): the query it was last counted for, and its witnesses. */
    private final int[] bodyQuery;
    private final long[] bodyWitnesses;
    /** The current query's number, for {@link #bodyQuery}: a new number forgets every body's count. */
    private int queryNumber;
    private int count;
    /** Candidates that are not known answers: those the budget counts. */
    private int fresh;
    private boolean[] isKnown = new boolean[64];
    private int[] entity = new int[64];
    private int[] length = new int[64];
    private double[][] conf = new double[64][];
    private int[][] fired = new int[64][];
    private double[] product = new double[64];
    private int[] order = new int[64];
    private int[] scratch = new int[64];
    /** Once k candidates exist: the candidates that can still matter for the top k. */
    private int[] top = new int[0];
    private int topSize;
    /** Whether each candidate is in {@code top}. */
    private boolean[] inTop = new boolean[64];
    /** Whether a candidate in {@code top} changed since {@link #settled()} last looked. */
    private boolean topChanged;
    private boolean refining;
    /** While refining, a new candidate must come from a rule at least this confident to reach the top k. */
    private double admission;
    private int queryEntity;
    private int queryRelation;
    private Direction queryDirection;
    /** In {@link #fire}: every rule applies, and every rule that predicts a candidate is kept. */
    private boolean firing;
    /** In {@link #fire}: the answer of the left-out fact, a candidate even though it is a training fact; or -1. */
    private int heldOut = -1;

    private final int settle;

    RuleSession(RuleEngine engine, int k, int settle, int maxVisits, Projection exclude, Projection known) {
        this.engine = engine;
        if (k < 1 || settle < 1 || settle > k) {
            throw new IllegalArgumentException("need 1 <= settle <= k, got settle " + settle + " and k " + k);
        }
        this.k = k;
        this.settle = settle;
        this.exclude = exclude;
        this.known = known;
        this.walker = new PathWalker(engine.train, maxVisits);
        this.bodyQuery = new int[engine.sharedBodies];
        this.bodyWitnesses = new long[engine.sharedBodies];
        this.slot = new int[engine.train.entityCount()];
        Arrays.fill(slot, -1);
        this.excludedMark = exclude == null ? null
                : new int[Math.max(exclude.entityCount(), engine.train.entityCount())];
    }

    /** The answers {@code exclude} holds for the current query carry the current stamp (one lookup a query). */
    private final int[] excludedMark;
    private int excludedStamp;

    private void markExcluded() {
        if (++excludedStamp == Integer.MAX_VALUE) {
            Arrays.fill(excludedMark, 0);
            excludedStamp = 1;
        }
        if (queryRelation >= exclude.relationCount()) {
            return;
        }
        RelationIndex index = exclude.index(queryRelation, queryDirection);
        int key = index.find(queryEntity);
        if (key >= 0) {
            for (int i = index.start(key); i < index.end(key); i++) {
                excludedMark[index.target(i)] = excludedStamp;
            }
        }
    }

    /** The engine this session answers for. */
    public RuleEngine engine() {
        return engine;
    }

    /**
     * The candidates of {@code (entity, relation, ?)} (OUT) or {@code (?, relation, entity)} (IN), best
     * first. With max-plus, the first k (not counting known answers) are fully ordered when enough
     * rules fire.
     */
    public List<Prediction> predict(int queryEntity, int relation, Direction direction) {
        return run(queryEntity, relation, direction) ? result() : List.of();
    }

    /**
     * Applies every rule of the query's relation and returns each candidate with every rule that predicts
     * it, in the order the rules fired (most confident first): what a learned combination of the rules
     * reads. With {@code heldOut} {@code >= 0} the query is a training query whose answer is
     * {@code heldOut}: that fact is left out of every grounding (leave-one-out), and {@code heldOut} stays
     * a candidate though it is a training fact; the session's other exclusions still hold.
     */
    public Firings fire(int queryEntity, int relation, Direction direction, int heldOut) {
        return fire(queryEntity, relation, direction, heldOut, false);
    }

    /**
     * As {@link #fire(int, int, Direction, int)}; with {@code pair}, every fact between the query entity and
     * {@code heldOut}, under any relation, is left out of the groundings too (see {@link PathWalker#leaveOut(int,
     * int, int, boolean)}). The answers of rules that list every entity their body holds for (acyclic rules
     * asked from their constant's side) are computed once per rule and still see those other facts, unless
     * the rule's body uses the query's relation.
     */
    public Firings fire(int queryEntity, int relation, Direction direction, int heldOut, boolean pair) {
        if (heldOut < 0) {
            return fireWithout(queryEntity, relation, direction, -1, -1, false);
        }
        return direction == Direction.OUT ? fireWithout(queryEntity, relation, direction, queryEntity, heldOut, pair)
                : fireWithout(queryEntity, relation, direction, heldOut, queryEntity, pair);
    }

    /**
     * As {@link #fire}, with the fact {@code relation(head, tail)} left out of every grounding, whether or
     * not it answers this query ({@code head} {@code < 0}: none): how the rules would answer if that fact
     * were unknown. Where it answers this query, its answer stays a candidate. Judging a corruption of a
     * known fact as if that fact were unknown keeps it comparable with the fact itself judged left out.
     */
    public Firings fireWithout(int queryEntity, int relation, Direction direction, int head, int tail) {
        return fireWithout(queryEntity, relation, direction, head, tail, false);
    }

    private Firings fireWithout(int queryEntity, int relation, Direction direction, int head, int tail, boolean pair) {
        firing = true;
        this.heldOut = head < 0 ? -1 : direction == Direction.OUT ? (head == queryEntity ? tail : -1)
                : (tail == queryEntity ? head : -1);
        if (head >= 0) {
            walker.leaveOut(head, relation, tail, pair);
        }
        try {
            if (!run(queryEntity, relation, direction)) {
                return new Firings(queryEntity, relation, direction, new int[0], new int[0][]);
            }
            int[] candidates = new int[count];
            int[][] rulesOf = new int[count][];
            for (int i = 0; i < count; i++) {
                candidates[i] = entity[i];
                rulesOf[i] = Arrays.copyOf(fired[i], length[i]);
            }
            return new Firings(queryEntity, relation, direction, candidates, rulesOf);
        } finally {
            firing = false;
            this.heldOut = -1;
            walker.clearLeftOut();
        }
    }

    /**
     * Answers a query as {@link #predict} does, without building predictions: how many candidates,
     * read best first with {@link #rankedEntity} and {@link #tiedWithPrevious}.
     */
    int rank(int queryEntity, int relation, Direction direction) {
        return run(queryEntity, relation, direction) ? sortedCandidates() : 0;
    }

    /** The {@code j}-th candidate of the last {@link #rank} call. */
    int rankedEntity(int j) {
        return entity[order[j]];
    }

    /** Whether the {@code j}-th candidate of the last {@link #rank} call ties with the one before it. */
    boolean tiedWithPrevious(int j) {
        return compare(order[j - 1], order[j]) == 0;
    }

    /** Applies the rules of the query until its first candidates are settled; false for an unknown relation. */
    private boolean run(int queryEntity, int relation, Direction direction) {
        clear();
        this.queryEntity = queryEntity;
        this.queryRelation = relation;
        this.queryDirection = direction;
        if (relation < 0 || relation >= engine.general.length) {
            return false;
        }
        if (exclude != null) {
            markExcluded();
        }
        CompiledRule[] all = engine.general[relation][direction.ordinal()];
        CompiledRule[] own = engine.ownRules(relation, direction, queryEntity);
        int a = 0;
        int b = 0;
        int applied = 0;
        while (a < all.length || b < own.length) {
            CompiledRule c = b >= own.length || a < all.length && RuleEngine.BY_CONFIDENCE.compare(all[a], own[b]) <= 0
                    ? all[a++] : own[b++];
            if (engine.aggregation == Aggregation.MAX_PLUS && fresh >= k && !firing) {
                if (!refining) {
                    startRefining();
                }
                if ((applied & 31) == 0 && settled()) {
                    break;
                }
            }
            apply(c);
            applied++;
        }
        return true;
    }

    private void clear() {
        for (int i = 0; i < count; i++) {
            slot[entity[i]] = -1;
            inTop[i] = false;
        }
        count = 0;
        fresh = 0;
        refining = false;
        if (++queryNumber == 0) { // wrapped round: forget explicitly
            Arrays.fill(bodyQuery, 0);
            queryNumber = 1;
        }
    }

    private void apply(CompiledRule c) {
        switch (c.mode()) {
            case WALK -> {
                int found = walker.ends(queryEntity, c.relations(), c.inverse(), c.length(), -1);
                for (int i = 0; i < found; i++) {
                    offer(walker.end(i), c);
                }
            }
            case CHECK -> {
                if (queryEntity != c.constant() && holds(c)) {
                    offer(c.constant(), c);
                }
            }
            case LIST -> {
                for (int e : engine.listAnswers(c, walker)) {
                    offer(e, c);
                }
            }
            case SELF -> {
                if (holds(c)) {
                    offer(queryEntity, c);
                }
            }
        }
    }

    /**
     * Whether a CHECK rule's body holds from the query entity. Rules that differ only in their head
     * constant share a body; its groundings are counted once per query (up to two witnesses, which
     * is enough to tell whether one forbidden constant removes them all).
     */
    private boolean holds(CompiledRule c) {
        int n = c.length();
        if (n == 0) {
            return true; // a zero rule: the query itself is the body
        }
        if (n == 2 && c.end() < 0) {
            return walker.any(queryEntity, c.relations(), c.inverse(), n, c.constant());
        }
        long w;
        int body = c.body();
        if (body >= 0) {
            if (bodyQuery[body] == queryNumber) {
                w = bodyWitnesses[body];
            } else {
                w = witnesses(c);
                bodyQuery[body] = queryNumber;
                bodyWitnesses[body] = w;
            }
        } else {
            w = witnesses(c);
        }
        int witnesses = (int) (w >>> 32);
        int witness = (int) w;
        return witnesses >= 2 || witnesses == 1 && (n == 1 && c.end() >= 0 || witness != c.constant());
    }

    /** Up to two groundings' distinguishing nodes: count in the high half, the first node in the low half. */
    private long witnesses(CompiledRule c) {
        RelationIndex first = engine.train.index(c.relations()[0], c.inverse()[0] ? Direction.IN : Direction.OUT);
        int pos = walker.startPosition(c.relations()[0], c.inverse()[0], queryEntity);
        if (pos < 0) {
            return 0;
        }
        if (c.length() == 1) {
            if (c.end() >= 0) {
                return c.end() != queryEntity && first.hasTarget(pos, c.end())
                        && !walker.isLeftOut(c.relations()[0], c.inverse()[0], queryEntity, c.end()) ? 1L << 32 : 0;
            }
            return witnessesIn(c, first, pos, null, -1, -1);
        }
        // two atoms ending in a constant: the middle nodes are the query's first-atom neighbours that the
        // end constant reaches back through the second atom, both sorted: a merge, no lookups per node
        if (c.end() == queryEntity) {
            return 0; // object identity: the end constant is a different node from the query entity
        }
        RelationIndex back = engine.train.index(c.relations()[1], c.inverse()[1] ? Direction.OUT : Direction.IN);
        int endPos = back.find(c.end());
        if (endPos < 0) {
            return 0;
        }
        return witnessesIn(c, first, pos, back, endPos, c.end());
    }

    /**
     * Counts (up to 2) the targets of {@code a} at {@code pos} that are not the query entity or
     * {@code end} and, when {@code b} is given, are also targets of {@code b} at {@code posB}: the
     * shorter list is scanned, the longer searched.
     */
    private long witnessesIn(CompiledRule c, RelationIndex a, int pos, RelationIndex b, int posB, int end) {
        boolean swap = b != null && b.end(posB) - b.start(posB) < a.end(pos) - a.start(pos);
        RelationIndex scan = swap ? b : a;
        int scanPos = swap ? posB : pos;
        RelationIndex other = swap ? a : b;
        int otherPos = swap ? pos : posB;
        long found = 0;
        int witness = -1;
        for (int i = scan.start(scanPos); i < scan.end(scanPos) && found < 2; i++) {
            int v = scan.target(i);
            if (v == queryEntity || v == end || other != null && !other.hasTarget(otherPos, v)
                    || walker.isLeftOut(c.relations()[0], c.inverse()[0], queryEntity, v)
                    || b != null && walker.isLeftOut(c.relations()[1], c.inverse()[1], v, end)) {
                continue;
            }
            if (found == 0) {
                witness = v;
            }
            found++;
        }
        return found << 32 | (witness & 0xffffffffL);
    }

    private void offer(int e, CompiledRule c) {
        if (e == queryEntity && c.mode() != CompiledRule.Mode.SELF) {
            return; // object identity: only a reflexive rule answers with the query entity
        }
        int s = slot[e];
        if (s < 0) {
            if (refining && c.rank() < admission || isExcluded(e)) {
                return;
            }
            s = count++;
            grow();
            slot[e] = s;
            entity[s] = e;
            isKnown[s] = known != null && isFact(known, e);
            fresh += isKnown[s] ? 0 : 1;
            length[s] = 0;
            product[s] = 1;
            if (conf[s] == null) {
                conf[s] = new double[engine.depth];
                fired[s] = new int[engine.depth];
            }
            if (refining) {
                if (topSize == top.length) {
                    top = Arrays.copyOf(top, topSize * 2 + 1);
                }
                top[topSize++] = s;
                inTop[s] = true;
            }
        }
        if (firing) { // every rule that fires is kept; the ranking's confidences and product are not read
            int n = length[s];
            if (n == fired[s].length) {
                fired[s] = Arrays.copyOf(fired[s], Math.max(4, n * 2));
            }
            fired[s][n] = c.index();
            length[s] = n + 1;
            return;
        }
        if (length[s] < engine.depth) {
            conf[s][length[s]] = c.rank();
            fired[s][length[s]] = c.index();
            length[s]++;
            topChanged |= inTop[s];
        }
        product[s] *= 1 - c.confidence();
    }

    private boolean isExcluded(int answer) {
        return exclude != null && answer != heldOut && excludedMark[answer] == excludedStamp;
    }

    /** Whether the query with this answer is a fact of {@code facts}. */
    private boolean isFact(Projection facts, int answer) {
        return queryDirection == Direction.OUT ? facts.contains(queryEntity, queryRelation, answer)
                : facts.contains(answer, queryRelation, queryEntity);
    }

    private void grow() {
        if (count > entity.length) {
            int n = entity.length * 2;
            entity = Arrays.copyOf(entity, n);
            isKnown = Arrays.copyOf(isKnown, n);
            inTop = Arrays.copyOf(inTop, n);
            length = Arrays.copyOf(length, n);
            conf = Arrays.copyOf(conf, n);
            fired = Arrays.copyOf(fired, n);
            product = Arrays.copyOf(product, n);
        }
    }

    /** Compares candidates best first: max-plus lexicographic, or noisy-or score. */
    private int compare(int x, int y) {
        if (engine.aggregation == Aggregation.NOISY_OR) {
            return Double.compare(product[x], product[y]);
        }
        int n = Math.min(length[x], length[y]);
        for (int i = 0; i < n; i++) {
            int c = Double.compare(conf[y][i], conf[x][i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length[y], length[x]);
    }

    /** Sorts candidate indices {@code a[0..n)} best first (a stable merge sort, no boxing). */
    private void sort(int[] a, int n) {
        if (scratch.length < n) {
            scratch = new int[Math.max(n, scratch.length * 2)];
        }
        mergeSort(a, scratch, 0, n);
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int o = from; o < to; o++) {
            a[o] = j >= to || i < mid && compare(tmp[i], tmp[j]) <= 0 ? tmp[i++] : tmp[j++];
        }
    }

    private int sortedCandidates() {
        if (order.length < count) {
            order = new int[Math.max(count, order.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        sort(order, count);
        return count;
    }

    /**
     * From now on rules refine existing candidates, and add new ones only while they can still reach the
     * top k: a new candidate's best confidence is the current rule's, so it must be at least the best
     * confidence of the k-th candidate. A candidate below the (k+1)-th can at most tie with it later
     * (rules come in falling confidence), so only the first k+1, those tied with the (k+1)-th and the
     * newly admitted need watching.
     */
    private void startRefining() {
        refining = true;
        sortedCandidates();
        // the k-th and (k+1)-th candidates that are not known answers; known ones among them stay watched
        int kth = -1;
        int n = count;
        int seen = 0;
        for (int i = 0; i < count && seen <= k; i++) {
            if (isKnown[order[i]]) {
                continue;
            }
            seen++;
            if (seen == k) {
                kth = i;
            } else if (seen == k + 1) {
                n = i + 1;
            }
        }
        admission = conf[order[kth]][0];
        while (n < count && compare(order[n - 1], order[n]) == 0) {
            n++;
        }
        if (top.length < n) {
            top = new int[n];
        }
        System.arraycopy(order, 0, top, 0, n);
        topSize = n;
        for (int i = 0; i < n; i++) {
            inTop[top[i]] = true;
        }
        topChanged = true;
    }

    /**
     * No tie among the first {@code settle} candidates (not counting known answers) or with the next,
     * unless rules can no longer break it.
     */
    private boolean settled() {
        if (!topChanged) {
            return false; // as unsettled as when last looked: the loop only asks again after a no
        }
        topChanged = false;
        sort(top, topSize);
        int limit = topSize - 1;
        int seen = 0;
        for (int i = 0; i < topSize; i++) {
            if (!isKnown[top[i]] && ++seen == settle) {
                limit = Math.min(limit, i + 1);
                break;
            }
        }
        for (int i = 0; i < limit; i++) {
            if (compare(top[i], top[i + 1]) == 0 && length[top[i]] < engine.depth) {
                return false;
            }
        }
        return true;
    }

    private List<Prediction> result() {
        int n = sortedCandidates();
        List<Prediction> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int i = order[j];
            double[] confidences = new double[length[i]];
            for (int f = 0; f < confidences.length; f++) {
                confidences[f] = engine.confidence[fired[i][f]];
            }
            double score = engine.aggregation == Aggregation.NOISY_OR ? 1 - product[i] : confidences[0];
            out.add(new Prediction(entity[i], score, confidences, Arrays.copyOf(fired[i], length[i])));
        }
        return out;
    }

    /** Whether two predictions of the last query rank equally. */
    public boolean tied(Prediction a, Prediction b) {
        if (engine.aggregation == Aggregation.NOISY_OR) {
            return a.score() == b.score();
        }
        if (!Arrays.equals(a.confidences(), b.confidences())) {
            return false;
        }
        for (int i = 0; i < a.rules().length; i++) {
            if (engine.zero[a.rules()[i]] != engine.zero[b.rules()[i]]) {
                return false;
            }
        }
        return true;
    }
}
