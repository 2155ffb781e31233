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
 * <p>Thread-safe; answer queries through one {@link RuleSession} per thread.
 */
public final class RuleEngine {

    /**
     * Edge visits allowed to one rule walk when rules answer a query (evaluation, prediction, evolve and
     * the learned combination all use this).
     */
    public static final int INFERENCE_VISITS = 50_000;
    /** Confidences an answer keeps for max-plus tie-breaking (10: measured as good as 30 on FB15k-237). */
    public static final int TIE_DEPTH = 10;

    static final CompiledRule[] NONE = new CompiledRule[0];
    static final Comparator<CompiledRule> BY_CONFIDENCE =
            Comparator.comparingDouble((CompiledRule c) -> -c.rank()).thenComparingInt(CompiledRule::index);

    final Projection train;
    private final List<Rule> rules;
    final Aggregation aggregation;
    final int depth;
    private final double pc;
    /** Each rule's smoothed confidence, by index. */
    final double[] confidence;
    /** Whether each rule, by index, is a zero rule (ranked below every rule with a body under max-plus). */
    final boolean[] zero;
    /** [relation][direction] rules that apply to every query entity, best first. */
    final CompiledRule[][][] general;
    /**
     * [relation * 2 + direction]: the query entities that have rules of their own (sorted), and at the same
     * position those rules, best first (a binary search: a hash map of boxed entities cost more per query).
     */
    private final int[][] ownEntities;
    private final CompiledRule[][][] ownRules;
    /** How many bodies CHECK rules share (numbered 0.., see {@link CompiledRule#body}). */
    final int sharedBodies;
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
        this.pc = pc;
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
        ownEntities = new int[2 * relations][];
        ownRules = new CompiledRule[2 * relations][][];
        int[] bodyIds = {0};
        for (int r = 0; r < relations; r++) {
            for (int d = 0; d < 2; d++) {
                List<CompiledRule> g = gen.get(r).get(d);
                g.sort(BY_CONFIDENCE);
                // numbered in the order the rules fire, so a query's first look at each body runs forward
                general[r][d] = markShared(g, bodyIds).toArray(NONE);
                Map<Integer, List<CompiledRule>> own = ent.get(r).get(d);
                int[] keys = own.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                CompiledRule[][] values = new CompiledRule[keys.length][];
                for (int k = 0; k < keys.length; k++) {
                    List<CompiledRule> v = own.get(keys[k]);
                    v.sort(BY_CONFIDENCE);
                    values[k] = v.toArray(NONE);
                }
                ownEntities[2 * r + d] = keys;
                ownRules[2 * r + d] = values;
            }
        }
        sharedBodies = bodyIds[0];
    }

    /**
     * Marks the CHECK rules whose body another rule of the list also has with that body's number: the
     * next of {@code next} (one counter for the whole engine) for a body not numbered yet in this list.
     */
    private static List<CompiledRule> markShared(List<CompiledRule> rules, int[] next) {
        Map<Long, Integer> bodies = new HashMap<>();
        for (CompiledRule c : rules) {
            if (c.mode() == CompiledRule.Mode.CHECK) {
                bodies.merge(c.bodyKey(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> ids = new HashMap<>();
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule c : rules) {
            if (c.mode() == CompiledRule.Mode.CHECK && bodies.get(c.bodyKey()) > 1) {
                out.add(c.sharing(ids.computeIfAbsent(c.bodyKey(), k -> next[0]++)));
            } else {
                out.add(c);
            }
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
                return new CompiledRule(rule, index, conf, CompiledRule.Mode.WALK, rr, ii, -1, -1);
            }
            return new CompiledRule(rule, index, conf, CompiledRule.Mode.WALK, rels, inv, -1, -1);
        }
        if (rule.reflexive()) {
            // r(X,X): in both directions X is the query entity, the body runs from it, and it is the answer
            return new CompiledRule(rule, index, conf, CompiledRule.Mode.SELF, rels, inv, Rule.NONE, rule.endConstant());
        }
        // the path starts at the head's variable: the answer side for r(X,c) on head queries, and so on
        boolean answerIsConstant = rule.constantIsTail() == (d == Direction.OUT);
        if (rule.kind() == Rule.Kind.ZERO && !answerIsConstant) {
            return null; // r(X,c) <= says nothing about which X have c: it only answers c
        }
        CompiledRule.Mode mode = answerIsConstant ? CompiledRule.Mode.CHECK : CompiledRule.Mode.LIST;
        return new CompiledRule(rule, index, conf, mode, rels, inv, rule.headConstant(), rule.endConstant());
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The smoothing constant of the confidences. */
    public double pc() {
        return pc;
    }

    /** The rules of {@code relation} asked in {@code direction} that apply only to {@code entity}, best first. */
    CompiledRule[] ownRules(int relation, Direction direction, int entity) {
        int slot = 2 * relation + direction.ordinal();
        int k = Arrays.binarySearch(ownEntities[slot], entity);
        return k < 0 ? NONE : ownRules[slot][k];
    }

    /** The smoothed confidence of rule {@code index} (its position in {@link #rules()}). */
    public double confidence(int index) {
        return confidence[index];
    }

    /** Whether the rule at {@code index} is a zero rule (no body). */
    public boolean isZero(int index) {
        return zero[index];
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
    public RuleSession newSession(int k, int maxVisits, Projection exclude) {
        return new RuleSession(this, k, k, maxVisits, exclude, null);
    }

    /**
     * A session that gathers at least {@code k} candidates but breaks ties only among the first
     * {@code settle} (at most k): ties further down cost many rule applications and barely move ranks.
     */
    public RuleSession newSession(int k, int settle, int maxVisits, Projection exclude) {
        return new RuleSession(this, k, settle, maxVisits, exclude, null);
    }

    /**
     * A session for ranking against a filter: answers that are facts of {@code known} are still ranked
     * but do not count towards {@code k} or {@code settle}. An evaluation removes every known answer but
     * the true one from the ranking, so without this a query with many known answers spends its budget
     * on candidates that are filtered away; with it, the budget goes to answers that keep their rank.
     * The order of the candidates is the same either way: only how far down the rules are applied
     * changes.
     */
    public RuleSession newSession(int k, int settle, int maxVisits, Projection exclude, Projection known) {
        return new RuleSession(this, k, settle, maxVisits, exclude, known);
    }

    /** The answers of a LIST rule: every value of its head variable for which the body holds. */
    int[] listAnswers(CompiledRule c, PathWalker walker) {
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
}
