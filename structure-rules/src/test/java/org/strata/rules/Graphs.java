package org.strata.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.model.Rule;

/** Small graphs for tests, and the naive semantics of rules to check the fast code against. */
public final class Graphs {

    private Graphs() {
    }

    /** A projection of triples written {@code "a r b; b r c"}. */
    public static Projection of(String text) {
        Dictionary entities = new Dictionary();
        Dictionary relations = new Dictionary();
        List<int[]> t = new ArrayList<>();
        for (String s : text.split(";")) {
            String[] f = s.strip().split("\\s+");
            if (f.length == 3) {
                t.add(new int[] {entities.add(f[0]), relations.add(f[1]), entities.add(f[2])});
            }
        }
        return Projection.of(entities, relations, list(t));
    }

    /** The same graph, with the same entity and relation ids, without the fact {@code relation(head, tail)}. */
    public static Projection without(Projection p, int head, int relation, int tail) {
        List<int[]> t = new ArrayList<>();
        for (int f = 0; f < p.factCount(); f++) {
            if (p.head(f) != head || p.relation(f) != relation || p.tail(f) != tail) {
                t.add(new int[] {p.head(f), p.relation(f), p.tail(f)});
            }
        }
        return Projection.of(p.entities(), p.relations(), list(t));
    }

    /** {@code p} without any fact between {@code a} and {@code b}, under any relation, in either direction. */
    public static Projection withoutPair(Projection p, int a, int b) {
        List<int[]> t = new ArrayList<>();
        for (int f = 0; f < p.factCount(); f++) {
            int h = p.head(f);
            int o = p.tail(f);
            if (!(h == a && o == b || h == b && o == a)) {
                t.add(new int[] {h, p.relation(f), o});
            }
        }
        return Projection.of(p.entities(), p.relations(), list(t));
    }

    /** A random graph: n entities, r relations, m triples (duplicates collapse). */
    public static Projection random(long seed, int n, int r, int m) {
        return random(seed, n, r, m, 0);
    }

    /**
     * A random graph as {@link #random(long, int, int, int)}, plus {@code loops} reflexive triples
     * {@code e r0 e} on random entities of relation r0, so that reflexive rules have something to find.
     */
    public static Projection random(long seed, int n, int r, int m, int loops) {
        Random rnd = new Random(seed);
        Dictionary entities = new Dictionary();
        Dictionary relations = new Dictionary();
        for (int i = 0; i < n; i++) {
            entities.add("e" + i);
        }
        for (int i = 0; i < r; i++) {
            relations.add("r" + i);
        }
        List<int[]> t = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            t.add(new int[] {rnd.nextInt(n), rnd.nextInt(r), rnd.nextInt(n)});
        }
        for (int i = 0; i < loops; i++) {
            int e = rnd.nextInt(n);
            t.add(new int[] {e, 0, e});
        }
        return Projection.of(entities, relations, list(t));
    }

    private static TripleList list(List<int[]> t) {
        int[] h = new int[t.size()];
        int[] r = new int[t.size()];
        int[] tl = new int[t.size()];
        for (int i = 0; i < t.size(); i++) {
            h[i] = t.get(i)[0];
            r[i] = t.get(i)[1];
            tl[i] = t.get(i)[2];
        }
        return new TripleList(h, r, tl);
    }

    private static boolean edge(Projection p, int from, int relation, boolean inverse, int to) {
        return inverse ? p.contains(to, relation, from) : p.contains(from, relation, to);
    }

    /**
     * Every grounding of the rule's body as the node sequence {@code V0..Vn}, by brute force over all
     * entities, under object identity (distinct nodes, none equal to a rule constant).
     */
    public static List<int[]> groundings(Projection p, Rule rule) {
        int n = rule.length();
        List<int[]> out = new ArrayList<>();
        int[] nodes = new int[n + 1];
        enumerate(p, rule, nodes, 0, out);
        return out;
    }

    private static void enumerate(Projection p, Rule rule, int[] nodes, int depth, List<int[]> out) {
        int n = rule.length();
        for (int v = 0; v < p.entityCount(); v++) {
            boolean endsAtConstant = depth == n && rule.kind() == Rule.Kind.CONSTANT_END;
            if (v == rule.headConstant() && !endsAtConstant) {
                continue;
            }
            boolean distinct = true;
            for (int i = 0; i < depth; i++) {
                distinct &= nodes[i] != v;
            }
            if (!distinct) {
                continue;
            }
            if (endsAtConstant && v != rule.endConstant()) {
                continue;
            }
            if (depth < n && rule.kind() == Rule.Kind.CONSTANT_END && v == rule.endConstant()) {
                continue;
            }
            if (depth > 0 && !edge(p, nodes[depth - 1], rule.relation(depth - 1), rule.inverse(depth - 1), v)) {
                continue;
            }
            nodes[depth] = v;
            if (depth == n) {
                out.add(nodes.clone());
            } else {
                enumerate(p, rule, nodes, depth + 1, out);
            }
        }
    }

    /** The rule's predictions and correct predictions, counted naively: {predicted, correct}. */
    public static long[] counts(Projection p, Rule rule) {
        if (rule.kind() == Rule.Kind.ZERO) {
            return zeroCounts(p, rule);
        }
        Set<Long> predicted = new HashSet<>();
        long correct = 0;
        for (int[] g : groundings(p, rule)) {
            long key;
            boolean fact;
            if (rule.kind() == Rule.Kind.CYCLIC) {
                key = ((long) g[0] << 32) | g[rule.length()];
                fact = p.contains(g[0], rule.head(), g[rule.length()]);
            } else if (rule.reflexive()) {
                key = g[0];
                fact = p.contains(g[0], rule.head(), g[0]);
            } else {
                key = g[0];
                fact = rule.constantIsTail() ? p.contains(g[0], rule.head(), rule.headConstant())
                        : p.contains(rule.headConstant(), rule.head(), g[0]);
            }
            if (predicted.add(key) && fact) {
                correct++;
            }
        }
        return new long[] {predicted.size(), correct};
    }

    /**
     * A zero rule {@code r(X,c) <=}: it is asked about every X other than c that has an r-fact on X's side
     * (every X that occurs as a head of r), and is right for those with {@code r(X,c)}; scanned over all
     * entity pairs.
     */
    private static long[] zeroCounts(Projection p, Rule rule) {
        int r = rule.head();
        int c = rule.headConstant();
        long predicted = 0;
        long correct = 0;
        if (rule.reflexive()) {
            // r(X,X) <=: asked for every entity with an r-fact on either side, right for each r(X,X)
            for (int x = 0; x < p.entityCount(); x++) {
                boolean occurs = false;
                for (int y = 0; y < p.entityCount() && !occurs; y++) {
                    occurs = p.contains(x, r, y) || p.contains(y, r, x);
                }
                predicted += occurs ? 1 : 0;
                correct += p.contains(x, r, x) ? 1 : 0;
            }
            return new long[] {predicted, correct};
        }
        for (int x = 0; x < p.entityCount(); x++) {
            if (x == c) {
                continue;
            }
            boolean asks = false;
            for (int y = 0; y < p.entityCount() && !asks; y++) {
                asks = rule.constantIsTail() ? p.contains(x, r, y) : p.contains(y, r, x);
            }
            if (asks) {
                predicted++;
                if (rule.constantIsTail() ? p.contains(x, r, c) : p.contains(c, r, x)) {
                    correct++;
                }
            }
        }
        return new long[] {predicted, correct};
    }
}
