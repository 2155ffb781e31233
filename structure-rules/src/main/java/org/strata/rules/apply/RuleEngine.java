package org.strata.rules.apply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.IntList;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.ground.PathWalker;
import org.strata.rules.model.Rule;

/**
 * Applies rules to link-prediction queries over a projection: for {@code (h, r, ?)} (direction OUT) and
 * {@code (?, r, t)} (IN), the rules of {@code r} fire in order of confidence and their predictions are
 * aggregated ({@link Aggregation}). With max-plus it stops as soon as the top-k are settled: at least k
 * candidates and no tie among them or with the next one (or a rule budget is spent); with noisy-or every
 * rule of the relation fires.
 *
 * <p>Rules are compiled per direction: cyclic rules walk from the query entity; a rule whose head
 * constant is the answer side checks its body from the query entity; a rule whose head constant is the
 * query side applies only to that entity, and its answers, which do not depend on the query, are
 * computed once and cached. A zero rule {@code r(X,c) <=} answers c to every tail query of r (and
 * {@code r(c,Y) <=} to every head query); it never lists the X. A reflexive rule {@code r(X,X) <= path}
 * checks its body from the query entity in either direction and answers the query entity itself, the one
 * answer object identity keeps every other rule from giving.
 *
 * <p>Thread-safe; answer queries through one {@link Session} per thread.
 */
public final class RuleEngine {

    /**
     * Edge visits allowed to one rule walk when rules answer a query (evaluation, prediction, evolve and
     * the learned combination all use this).
     */
    public static final int INFERENCE_VISITS = 50_000;
    /** Confidences an answer keeps for max-plus tie-breaking (10: measured as good as 30 on FB15k-237). */
    public static final int TIE_DEPTH = 10;

    private static final CompiledRule[] NONE = new CompiledRule[0];
    private static final Comparator<CompiledRule> BY_CONFIDENCE =
            Comparator.comparingDouble((CompiledRule c) -> -c.rank()).thenComparingInt(CompiledRule::index);

    private final Projection train;
    private final List<Rule> rules;
    private final Aggregation aggregation;
    private final int depth;
    /** Each rule's smoothed confidence, by index. */
    private final double[] confidence;
    /** Whether each rule, by index, is a zero rule (ranked below every rule with a body under max-plus). */
    private final boolean[] zero;
    /** [relation][direction] rules that apply to every query entity, best first. */
    private final CompiledRule[][][] general;
    /** [relation][direction] query entity to the rules that apply only to it, best first. */
    private final List<Map<Integer, CompiledRule[]>> byEntity;
    private final Map<Integer, int[]> listCache = new ConcurrentHashMap<>();

    /**
     * @param train       the facts the rules are applied to
     * @param rules       the rules, with measured counts
     * @param pc          the smoothing constant of the confidence
     * @param aggregation how predictions combine
     * @param depth       how many rule confidences a candidate keeps for tie-breaking
     */
    public RuleEngine(Projection train, List<Rule> rules, double pc, Aggregation aggregation, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        this.train = train;
        this.rules = List.copyOf(rules);
        this.aggregation = aggregation;
        this.depth = depth;
        this.confidence = new double[this.rules.size()];
        this.zero = new boolean[this.rules.size()];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = this.rules.get(i).confidence(pc);
            zero[i] = this.rules.get(i).kind() == Rule.Kind.ZERO;
        }
        int relations = train.relationCount();
        List<List<List<CompiledRule>>> gen = new ArrayList<>();
        List<List<Map<Integer, List<CompiledRule>>>> ent = new ArrayList<>();
        for (int r = 0; r < relations; r++) {
            gen.add(List.of(new ArrayList<>(), new ArrayList<>()));
            ent.add(List.of(new HashMap<>(), new HashMap<>()));
        }
        for (int i = 0; i < this.rules.size(); i++) {
            Rule rule = this.rules.get(i);
            if (rule.head() >= relations) {
                continue;
            }
            for (Direction d : Direction.values()) {
                CompiledRule c = compile(rule, i, pc, d);
                if (c == null) {
                    continue;
                }
                if (c.mode() == CompiledRule.Mode.LIST) {
                    ent.get(rule.head()).get(d.ordinal()).computeIfAbsent(c.constant(), k -> new ArrayList<>()).add(c);
                } else {
                    gen.get(rule.head()).get(d.ordinal()).add(c);
                }
            }
        }
        general = new CompiledRule[relations][2][];
        byEntity = new ArrayList<>();
        for (int r = 0; r < relations; r++) {
            for (int d = 0; d < 2; d++) {
                List<CompiledRule> g = markShared(gen.get(r).get(d));
                g.sort(BY_CONFIDENCE);
                general[r][d] = g.toArray(NONE);
                Map<Integer, CompiledRule[]> m = new HashMap<>();
                ent.get(r).get(d).forEach((k, v) -> {
                    v.sort(BY_CONFIDENCE);
                    m.put(k, v.toArray(NONE));
                });
                byEntity.add(m);
            }
        }
    }

    /** Marks the CHECK rules whose body another rule of the list also has. */
    private static List<CompiledRule> markShared(List<CompiledRule> rules) {
        Map<Long, Integer> bodies = new HashMap<>();
        for (CompiledRule c : rules) {
            if (c.mode() == CompiledRule.Mode.CHECK) {
                bodies.merge(c.bodyKey(), 1, Integer::sum);
            }
        }
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule c : rules) {
            out.add(c.mode() == CompiledRule.Mode.CHECK && bodies.get(c.bodyKey()) > 1 ? c.asShared() : c);
        }
        return out;
    }

    /** The rule prepared for queries in direction {@code d}, or null when it cannot answer them. */
    private static CompiledRule compile(Rule rule, int index, double pc, Direction d) {
        int n = rule.length();
        int[] rels = new int[n];
        boolean[] inv = new boolean[n];
        for (int i = 0; i < n; i++) {
            rels[i] = rule.relation(i);
            inv[i] = rule.inverse(i);
        }
        double conf = rule.confidence(pc);
        if (rule.kind() == Rule.Kind.CYCLIC) {
            if (d == Direction.IN) {
                int[] rr = new int[n];
                boolean[] ii = new boolean[n];
                for (int i = 0; i < n; i++) {
                    rr[i] = rels[n - 1 - i];
                    ii[i] = !inv[n - 1 - i];
                }
                return new CompiledRule(rule, index, conf, CompiledRule.Mode.WALK, rr, ii, -1, -1, false);
            }
            return new CompiledRule(rule, index, conf, CompiledRule.Mode.WALK, rels, inv, -1, -1, false);
        }
        if (rule.reflexive()) {
            // r(X,X): in both directions X is the query entity, the body runs from it, and it is the answer
            return new CompiledRule(rule, index, conf, CompiledRule.Mode.SELF, rels, inv, Rule.NONE, rule.endConstant(),
                    false);
        }
        // the path starts at the head's variable: the answer side for r(X,c) on head queries, and so on
        boolean answerIsConstant = rule.constantIsTail() == (d == Direction.OUT);
        if (rule.kind() == Rule.Kind.ZERO && !answerIsConstant) {
            return null; // r(X,c) <= says nothing about which X have c: it only answers c
        }
        CompiledRule.Mode mode = answerIsConstant ? CompiledRule.Mode.CHECK : CompiledRule.Mode.LIST;
        return new CompiledRule(rule, index, conf, mode, rels, inv, rule.headConstant(), rule.endConstant(), false);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The smoothed confidence of rule {@code index} (its position in {@link #rules()}). */
    public double confidence(int index) {
        return confidence[index];
    }

    public Projection train() {
        return train;
    }

    /**
     * A session for one thread: at least {@code k} candidates per query, {@code maxVisits} per walk.
     *
     * @param exclude facts never proposed as answers (the training facts, typically: they are known, and
     *                counting them would let them crowd new answers out of the top k); or {@code null}
     */
    public Session newSession(int k, int maxVisits, Projection exclude) {
        return new Session(k, k, maxVisits, exclude, null);
    }

    /**
     * A session that gathers at least {@code k} candidates but breaks ties only among the first
     * {@code settle} (at most k): ties further down cost many rule applications and barely move ranks.
     */
    public Session newSession(int k, int settle, int maxVisits, Projection exclude) {
        return new Session(k, settle, maxVisits, exclude, null);
    }

    /**
     * A session for ranking against a filter: answers that are facts of {@code known} are still ranked
     * but do not count towards {@code k} or {@code settle}. An evaluation removes every known answer but
     * the true one from the ranking, so without this a query with many known answers spends its budget
     * on candidates that are filtered away; with it, the budget goes to answers that keep their rank.
     * The order of the candidates is the same either way: only how far down the rules are applied
     * changes.
     */
    public Session newSession(int k, int settle, int maxVisits, Projection exclude, Projection known) {
        return new Session(k, settle, maxVisits, exclude, known);
    }

    /** The answers of a LIST rule: every value of its head variable for which the body holds. */
    private int[] listAnswers(CompiledRule c, PathWalker walker) {
        boolean masked = uses(c, walker.leftOutRelation());
        int[] cached = masked ? null : listCache.get(c.index());
        if (cached != null) {
            return cached;
        }
        int n = c.length();
        IntList out = new IntList();
        if (c.end() >= 0) {
            int[] rr = new int[n];
            boolean[] ii = new boolean[n];
            for (int i = 0; i < n; i++) {
                rr[i] = c.relations()[n - 1 - i];
                ii[i] = !c.inverse()[n - 1 - i];
            }
            int found = walker.ends(c.end(), rr, ii, n, c.constant());
            for (int i = 0; i < found; i++) {
                out.add(walker.end(i));
            }
        } else {
            RelationIndex first = train.index(c.relations()[0], c.inverse()[0] ? Direction.IN : Direction.OUT);
            for (int k = 0; k < first.keyCount(); k++) {
                int v = first.key(k);
                if (v != c.constant() && walker.any(v, c.relations(), c.inverse(), n, c.constant())) {
                    out.add(v);
                }
            }
        }
        int[] answers = out.toArray();
        if (!masked) {
            listCache.put(c.index(), answers);
        }
        return answers;
    }

    /** Whether a rule's body has an atom of {@code relation}. */
    private static boolean uses(CompiledRule c, int relation) {
        if (relation < 0) {
            return false;
        }
        for (int r : c.relations()) {
            if (r == relation) {
                return true;
            }
        }
        return false;
    }

    /** Answers queries on one thread; keeps scratch arrays sized by the number of entities. */
    public final class Session {
        private final int k;
        private final PathWalker walker;
        private final Projection exclude;
        /** Facts whose answers do not count towards k and settle (the evaluation's filter), or null. */
        private final Projection known;
        private final int[] slot;
        private final LongLongMap memo = new LongLongMap();
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

        private Session(int k, int settle, int maxVisits, Projection exclude, Projection known) {
            if (k < 1 || settle < 1 || settle > k) {
                throw new IllegalArgumentException("need 1 <= settle <= k, got settle " + settle + " and k " + k);
            }
            this.k = k;
            this.settle = settle;
            this.exclude = exclude;
            this.known = known;
            this.walker = new PathWalker(train, maxVisits);
            this.slot = new int[train.entityCount()];
            Arrays.fill(slot, -1);
        }

        /** The engine this session answers for. */
        public RuleEngine engine() {
            return RuleEngine.this;
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
            firing = true;
            this.heldOut = heldOut;
            if (heldOut >= 0) {
                if (direction == Direction.OUT) {
                    walker.leaveOut(queryEntity, relation, heldOut);
                } else {
                    walker.leaveOut(heldOut, relation, queryEntity);
                }
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
            if (relation < 0 || relation >= general.length) {
                return false;
            }
            CompiledRule[] all = general[relation][direction.ordinal()];
            CompiledRule[] own = byEntity.get(relation * 2 + direction.ordinal()).getOrDefault(queryEntity, NONE);
            int a = 0;
            int b = 0;
            int applied = 0;
            while (a < all.length || b < own.length) {
                CompiledRule c = b >= own.length || a < all.length && BY_CONFIDENCE.compare(all[a], own[b]) <= 0
                        ? all[a++] : own[b++];
                if (aggregation == Aggregation.MAX_PLUS && fresh >= k && !firing) {
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
            memo.clear();
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
                    for (int e : listAnswers(c, walker)) {
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
            if (c.shared()) {
                long key = c.bodyKey();
                w = memo.get(key, -1);
                if (w < 0) {
                    w = witnesses(c);
                    memo.put(key, w);
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
            RelationIndex first = train.index(c.relations()[0], c.inverse()[0] ? Direction.IN : Direction.OUT);
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
            RelationIndex back = train.index(c.relations()[1], c.inverse()[1] ? Direction.OUT : Direction.IN);
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
                    conf[s] = new double[depth];
                    fired[s] = new int[depth];
                }
                if (refining) {
                    if (topSize == top.length) {
                        top = Arrays.copyOf(top, topSize * 2 + 1);
                    }
                    top[topSize++] = s;
                    inTop[s] = true;
                }
            }
            if (firing && length[s] == conf[s].length) {
                conf[s] = Arrays.copyOf(conf[s], length[s] * 2);
                fired[s] = Arrays.copyOf(fired[s], length[s] * 2);
            }
            if (length[s] < (firing ? conf[s].length : depth)) {
                conf[s][length[s]] = c.rank();
                fired[s][length[s]] = c.index();
                length[s]++;
                topChanged |= inTop[s];
            }
            product[s] *= 1 - c.confidence();
        }

        private boolean isExcluded(int answer) {
            return exclude != null && answer != heldOut && isFact(exclude, answer);
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
            if (aggregation == Aggregation.NOISY_OR) {
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
                if (compare(top[i], top[i + 1]) == 0 && length[top[i]] < depth) {
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
                    confidences[f] = confidence[fired[i][f]];
                }
                double score = aggregation == Aggregation.NOISY_OR ? 1 - product[i] : confidences[0];
                out.add(new Prediction(entity[i], score, confidences, Arrays.copyOf(fired[i], length[i])));
            }
            return out;
        }

        /** Whether two predictions of the last query rank equally. */
        public boolean tied(Prediction a, Prediction b) {
            if (aggregation == Aggregation.NOISY_OR) {
                return a.score() == b.score();
            }
            if (!Arrays.equals(a.confidences(), b.confidences())) {
                return false;
            }
            for (int i = 0; i < a.rules().length; i++) {
                if (zero[a.rules()[i]] != zero[b.rules()[i]]) {
                    return false;
                }
            }
            return true;
        }
    }
}
