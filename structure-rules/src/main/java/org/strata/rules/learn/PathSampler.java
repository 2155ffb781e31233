package org.strata.rules.learn;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.EntityAdjacency;
import org.strata.graph.projection.Projection;
import org.strata.rules.model.Rule;

/**
 * Samples a training fact and a path around it, and generalises the path into rules (AnyBURL's
 * bottom-up step). For a fact {@code r(a,b)} it starts at {@code a} or {@code b} at random:
 * <ul>
 *   <li>a cyclic path from the start to the other end becomes {@code r(X,Y) <= path(X..Y)}; its
 *       middle node is drawn among common neighbours, so a sample finds a cycle whenever one exists
 *       through its first step;</li>
 *   <li>an acyclic random walk from the start becomes {@code r(X,b) <= path(X..e)} and
 *       {@code r(X,b) <= path(X..free)} (or, from {@code b}, {@code r(a,Y) <= ...}).</li>
 * </ul>
 * A reflexive fact {@code r(a,a)} has no cycle under object identity; its walks become the reflexive
 * rules {@code r(X,X) <= path(X..e)} and {@code r(X,X) <= path(X..free)}.
 * Walks respect object identity, never use the fact itself, and pick each edge uniformly among the
 * incident edges of the current node. Not thread-safe (keeps scratch arrays); one sampler per thread.
 */
final class PathSampler {

    private static final int ATTEMPTS = 4;

    private final Projection train;
    private final EntityAdjacency out;
    private final EntityAdjacency in;
    private final NeighbourSets neighbours;
    private final int[] nodes = new int[4];
    private final int[] rels = new int[3];
    private final boolean[] inverse = new boolean[3];
    private final int[] common = new int[4096];

    PathSampler(Projection train, NeighbourSets neighbours) {
        this.train = train;
        this.out = train.adjacency(Direction.OUT);
        this.in = train.adjacency(Direction.IN);
        this.neighbours = neighbours;
    }

    /** Samples one path of the given type and hands the rules it generalises to to {@code rules}. */
    void sample(SplittableRandom rng, PathType type, Consumer<Rule> rules) {
        if (train.factCount() == 0) {
            return;
        }
        int fact = rng.nextInt(train.factCount());
        int h = train.head(fact);
        int r = train.relation(fact);
        int t = train.tail(fact);
        if (h == t) {
            reflexive(rng, type, h, r, rules);
            return;
        }
        boolean fromHead = rng.nextBoolean();
        int start = fromHead ? h : t;
        int other = fromHead ? t : h;
        nodes[0] = start;
        if (type.cyclic) {
            if (!cycle(rng, type.length, other, h, r, t)) {
                return;
            }
            int n = type.length;
            if (n <= 2) {
                // the same path keeping the head constant: r(X,b) <= path(X..b)
                rules.accept(Rule.acyclic(r, other, fromHead, java.util.Arrays.copyOf(rels, n),
                        java.util.Arrays.copyOf(inverse, n), other));
            }
            if (fromHead) {
                rules.accept(Rule.cyclic(r, java.util.Arrays.copyOf(rels, n), java.util.Arrays.copyOf(inverse, n)));
            } else {
                // the path runs from b to a: read it backwards to get X..Y
                int[] rr = new int[n];
                boolean[] ii = new boolean[n];
                for (int i = 0; i < n; i++) {
                    rr[i] = rels[n - 1 - i];
                    ii[i] = !inverse[n - 1 - i];
                }
                rules.accept(Rule.cyclic(r, rr, ii));
            }
        } else {
            int n = type.length;
            if (!walk(rng, n, other, h, r, t)) {
                return;
            }
            int[] rr = java.util.Arrays.copyOf(rels, n);
            boolean[] ii = java.util.Arrays.copyOf(inverse, n);
            // the head keeps the fact's other end as its constant (the walk never reaches it); the path starts
            // at the head's variable and ends in a constant, or in a free variable
            rules.accept(Rule.acyclic(r, other, fromHead, rr, ii, nodes[n]));
            rules.accept(Rule.acyclic(r, other, fromHead, rr, ii, -1));
        }
    }

    /** The reflexive rules of a walk from {@code a}, for a fact {@code r(a,a)}; cyclic types find none. */
    private void reflexive(SplittableRandom rng, PathType type, int a, int r, Consumer<Rule> rules) {
        nodes[0] = a;
        int n = type.length;
        if (type.cyclic || !walk(rng, n, a, a, r, a)) {
            return;
        }
        int[] rr = java.util.Arrays.copyOf(rels, n);
        boolean[] ii = java.util.Arrays.copyOf(inverse, n);
        rules.accept(Rule.acyclic(r, Rule.SELF, true, rr, ii, nodes[n]));
        rules.accept(Rule.acyclic(r, Rule.SELF, true, rr, ii, Rule.NONE));
    }

    /**
     * A random walk of {@code steps} edges from {@code nodes[0]}, filling nodes, rels and inverse; no node
     * repeats or equals {@code avoid}, and the fact {@code h -r-> t} is never used.
     */
    private boolean walk(SplittableRandom rng, int steps, int avoid, int h, int r, int t) {
        for (int s = 0; s < steps; s++) {
            int v = nodes[s];
            int outDeg = out.degree(v);
            int total = outDeg + in.degree(v);
            if (total == 0) {
                return false;
            }
            boolean moved = false;
            for (int attempt = 0; attempt < ATTEMPTS && !moved; attempt++) {
                int j = rng.nextInt(total);
                boolean inv = j >= outDeg;
                int pos = inv ? in.start(v) + (j - outDeg) : out.start(v) + j;
                int rel = inv ? in.relation(pos) : out.relation(pos);
                int next = inv ? in.neighbour(pos) : out.neighbour(pos);
                if (next == avoid || onPath(next, s + 1) || isFact(v, rel, next, inv, h, r, t)) {
                    continue;
                }
                nodes[s + 1] = next;
                rels[s] = rel;
                inverse[s] = inv;
                moved = true;
            }
            if (!moved) {
                return false;
            }
        }
        return true;
    }

    /**
     * A cyclic path of {@code length} edges from nodes[0] to {@code target}. The node before the target is
     * drawn among the common neighbours of its predecessor and the target, so that the sample closes
     * whenever a cycle through the walk exists; each edge is drawn among the edges joining its nodes.
     */
    private boolean cycle(SplittableRandom rng, int length, int target, int h, int r, int t) {
        if (length >= 2) {
            if (length == 3 && !walk(rng, 1, target, h, r, t)) {
                return false;
            }
            int from = nodes[length - 2];
            int found = neighbours.common(from, target, common, nodes[0], length == 3 ? nodes[1] : -1);
            if (found == 0) {
                return false;
            }
            int middle = common[rng.nextInt(found)];
            if (!edge(rng, length - 2, middle, h, r, t)) {
                return false;
            }
        }
        return edge(rng, length - 1, target, h, r, t);
    }

    /**
     * Step {@code step} of the path: an edge between nodes[step] and {@code next}, in either direction,
     * chosen uniformly among all such edges except the fact itself.
     */
    private boolean edge(SplittableRandom rng, int step, int next, int h, int r, int t) {
        int v = nodes[step];
        int count = 0;
        for (int pass = 0; pass < 2; pass++) {
            int pick = pass == 0 ? -1 : rng.nextInt(count);
            int seen = 0;
            for (int dir = 0; dir < 2; dir++) {
                EntityAdjacency adj = dir == 0 ? out : in;
                boolean inv = dir == 1;
                for (int i = adj.start(v); i < adj.end(v); i++) {
                    if (adj.neighbour(i) != next || isFact(v, adj.relation(i), next, inv, h, r, t)) {
                        continue;
                    }
                    if (pass == 0) {
                        count++;
                    } else if (seen++ == pick) {
                        rels[step] = adj.relation(i);
                        inverse[step] = inv;
                        nodes[step + 1] = next;
                        return true;
                    }
                }
            }
            if (count == 0) {
                return false;
            }
        }
        return false;
    }

    private boolean onPath(int node, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (nodes[i] == node) {
                return true;
            }
        }
        return false;
    }

    /** Whether the step from v to next under rel (inverse: next -rel-> v) is the fact h -r-> t. */
    private static boolean isFact(int v, int rel, int next, boolean inv, int h, int r, int t) {
        if (rel != r) {
            return false;
        }
        return inv ? next == h && v == t : v == h && next == t;
    }
}
