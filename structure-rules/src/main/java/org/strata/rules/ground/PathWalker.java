package org.strata.rules.ground;

import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;

/**
 * Follows rule body paths over a projection: the entities a path reaches from a start, whether it
 * reaches a given constant, whether it has any grounding. Paths have 1 to 3 atoms, each given by a
 * relation and a direction ({@code inverse}: the atom is {@code b(next, previous)}).
 *
 * <p>Object identity holds: the nodes of a grounding are pairwise distinct and none equals
 * {@code forbid} (a rule constant; -1 for none). One fact, or every fact between two entities, can be
 * {@link #leaveOut left out} of every grounding (a training query's own fact). Each call stops after
 * {@code maxVisits} edge visits and then reports {@link #truncated()}, so a hub cannot stall a caller.
 * Reached ends are distinct.
 *
 * <p>Keeps scratch arrays: not thread-safe, one walker per thread. O(visited edges) per call.
 */
public final class PathWalker {

    private final Projection p;
    private final int maxVisits;
    private final int[] mark;
    private int epoch;
    /** Second nodes of three-atom walks: marked per call, each with the first node it was reached through. */
    private final int[] middleMark;
    private final int[] through;
    private int[] middle = new int[256];
    private static final int SEVERAL = -2;
    private int[] ends = new int[256];
    private int size;
    private int visits;
    private boolean truncated;
    /** Key positions of the last start entity, per relation and direction: walks repeat their start. */
    private final int[] startPosition;
    private final int[] startStamp;
    private int startEntity = -1;
    private int stamp;
    /** The fact left out of every grounding (a training query's own fact), or relation -1. */
    private int outRelation = -1;
    private int outHead = -1;
    private int outTail = -1;
    /** Whether every fact between the left-out fact's two entities is left out with it. */
    private boolean outPair;

    public PathWalker(Projection projection, int maxVisits) {
        this.p = projection;
        this.maxVisits = maxVisits;
        this.mark = new int[projection.entityCount()];
        this.middleMark = new int[projection.entityCount()];
        this.through = new int[projection.entityCount()];
        this.startPosition = new int[2 * projection.relationCount()];
        this.startStamp = new int[2 * projection.relationCount()];
    }

    /**
     * The key position of {@code start} in the index of {@code relation} in that direction, or -1;
     * remembered until a walk from another start, so rules from one query entity look it up once.
     */
    public int startPosition(int relation, boolean inverse, int start) {
        if (start != startEntity) {
            startEntity = start;
            if (++stamp == Integer.MAX_VALUE) {
                java.util.Arrays.fill(startStamp, 0);
                stamp = 1;
            }
        }
        int slot = 2 * relation + (inverse ? 1 : 0);
        if (startStamp[slot] != stamp) {
            startStamp[slot] = stamp;
            startPosition[slot] = index(relation, inverse).find(start);
        }
        return startPosition[slot];
    }

    public Projection projection() {
        return p;
    }

    /**
     * Leaves the fact {@code relation(head, tail)} out of every grounding until {@link #clearLeftOut()}: a
     * training query must not be answered through the very fact it asks for, or rules that restate the
     * fact would look perfect.
     */
    public void leaveOut(int head, int relation, int tail) {
        leaveOut(head, relation, tail, false);
    }

    /**
     * As {@link #leaveOut(int, int, int)}; with {@code pair}, every fact between {@code head} and
     * {@code tail}, under any relation and in either direction, is left out too: the query then looks like
     * one about two entities that no known fact links (as every validation and test fact of FB15k-237 is).
     */
    public void leaveOut(int head, int relation, int tail, boolean pair) {
        outHead = head;
        outRelation = relation;
        outTail = tail;
        outPair = pair;
    }

    public void clearLeftOut() {
        outRelation = -1;
        outPair = false;
    }

    /** The relation of the fact left out, or -1. */
    public int leftOutRelation() {
        return outRelation;
    }

    /**
     * Whether the atom step from {@code from} to {@code to} over {@code relation} (the fact
     * {@code relation(from, to)}, or {@code relation(to, from)} when {@code inverse}) is the fact left out.
     */
    public boolean isLeftOut(int relation, boolean inverse, int from, int to) {
        if (outPair) {
            return from == outHead && to == outTail || from == outTail && to == outHead;
        }
        return relation == outRelation && (inverse ? from == outTail && to == outHead : from == outHead && to == outTail);
    }

    /** Whether the atom step from {@code from} to {@code to} exists and is not the fact left out. */
    public boolean has(int relation, boolean inverse, int from, int to) {
        return !isLeftOut(relation, inverse, from, to) && index(relation, inverse).contains(from, to);
    }

    private RelationIndex index(int relation, boolean inverse) {
        return p.index(relation, inverse ? Direction.IN : Direction.OUT);
    }

    private void reset() {
        size = 0;
        visits = 0;
        truncated = false;
        if (++epoch == Integer.MAX_VALUE) {
            java.util.Arrays.fill(mark, 0);
            java.util.Arrays.fill(middleMark, 0);
            epoch = 1;
        }
    }

    private void add(int e) {
        if (mark[e] != epoch) {
            mark[e] = epoch;
            if (size == ends.length) {
                ends = java.util.Arrays.copyOf(ends, size * 2);
            }
            ends[size++] = e;
        }
    }

    private boolean spend() {
        if (++visits > maxVisits) {
            truncated = true;
            return false;
        }
        return true;
    }

    /**
     * Collects the distinct ends of the path's groundings from {@code start}; read them with
     * {@link #end(int)}.
     *
     * @return how many ends
     */
    public int ends(int start, int[] relations, boolean[] inverse, int length, int forbid) {
        reset();
        RelationIndex i1 = index(relations[0], inverse[0]);
        int k1 = startPosition(relations[0], inverse[0], start);
        if (k1 < 0) {
            return 0;
        }
        RelationIndex i2 = length > 1 ? index(relations[1], inverse[1]) : null;
        int middles = 0;
        for (int p1 = i1.start(k1); p1 < i1.end(k1); p1++) {
            int a = i1.target(p1);
            if (!spend()) {
                return size;
            }
            if (a == start || a == forbid || isLeftOut(relations[0], inverse[0], start, a)) {
                continue;
            }
            if (length == 1) {
                add(a);
                continue;
            }
            int k2 = i2.find(a);
            if (k2 < 0) {
                continue;
            }
            for (int p2 = i2.start(k2); p2 < i2.end(k2); p2++) {
                int b = i2.target(p2);
                if (!spend()) {
                    return size;
                }
                if (b == start || b == a || b == forbid || isLeftOut(relations[1], inverse[1], a, b)) {
                    continue;
                }
                if (length == 2) {
                    add(b);
                } else {
                    middles = middle(b, a, middles);
                }
            }
        }
        return length == 3 ? lastSteps(middles, start, relations, inverse, forbid) : size;
    }

    /**
     * Records {@code b} as the second node of a three-atom grounding reached through {@code a}: the first
     * time, with {@code a}; again through another node, as reached through several. Returns the count of
     * distinct second nodes.
     */
    private int middle(int b, int a, int middles) {
        if (middleMark[b] != epoch) {
            middleMark[b] = epoch;
            through[b] = a;
            if (middles == middle.length) {
                middle = java.util.Arrays.copyOf(middle, middles * 2);
            }
            middle[middles++] = b;
        } else if (through[b] != a) {
            through[b] = SEVERAL;
        }
        return middles;
    }

    /**
     * The third atom from each distinct second node, once: a third node c ends a grounding from
     * {@code start} through b and some first node a when c is none of start, b, a and the rule constant.
     * Where b is reached through two or more first nodes, some a differs from any c, so only start, b and
     * the constant are excluded; where through one, that node too. The same ends as walking every grounding,
     * in O(distinct second nodes' edges) instead of O(groundings).
     */
    private int lastSteps(int middles, int start, int[] relations, boolean[] inverse, int forbid) {
        RelationIndex i3 = index(relations[2], inverse[2]);
        for (int m = 0; m < middles; m++) {
            int b = middle[m];
            int a = through[b];
            int k3 = i3.find(b);
            if (k3 < 0) {
                continue;
            }
            for (int p3 = i3.start(k3); p3 < i3.end(k3); p3++) {
                int c = i3.target(p3);
                if (!spend()) {
                    return size;
                }
                if (c != start && c != a && c != b && c != forbid && !isLeftOut(relations[2], inverse[2], b, c)) {
                    add(c);
                }
            }
        }
        return size;
    }

    /** The {@code i}-th end found by the last {@link #ends} call. */
    public int end(int i) {
        return ends[i];
    }

    /** Whether the last call stopped at the visit limit (its answer may be incomplete). */
    public boolean truncated() {
        return truncated;
    }

    /** Whether the path has a grounding from {@code start} that ends at {@code target}. */
    public boolean reaches(int start, int[] relations, boolean[] inverse, int length, int target, int forbid) {
        reset();
        if (target == start) {
            return false;
        }
        RelationIndex last = index(relations[length - 1], inverse[length - 1]);
        if (length == 1) {
            int k = startPosition(relations[0], inverse[0], start);
            return k >= 0 && last.hasTarget(k, target) && !isLeftOut(relations[0], inverse[0], start, target);
        }
        RelationIndex i1 = index(relations[0], inverse[0]);
        int k1 = startPosition(relations[0], inverse[0], start);
        if (k1 < 0) {
            return false;
        }
        RelationIndex i2 = length > 2 ? index(relations[1], inverse[1]) : null;
        for (int p1 = i1.start(k1); p1 < i1.end(k1); p1++) {
            int a = i1.target(p1);
            if (!spend()) {
                return false;
            }
            if (a == start || a == forbid || a == target || isLeftOut(relations[0], inverse[0], start, a)) {
                continue;
            }
            if (length == 2) {
                if (last.contains(a, target) && !isLeftOut(relations[1], inverse[1], a, target)) {
                    return true;
                }
                continue;
            }
            int k2 = i2.find(a);
            if (k2 < 0) {
                continue;
            }
            for (int p2 = i2.start(k2); p2 < i2.end(k2); p2++) {
                int b = i2.target(p2);
                if (!spend()) {
                    return false;
                }
                if (b != start && b != a && b != forbid && b != target && !isLeftOut(relations[1], inverse[1], a, b)
                        && last.contains(b, target) && !isLeftOut(relations[2], inverse[2], b, target)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the path has any grounding from {@code start}. */
    public boolean any(int start, int[] relations, boolean[] inverse, int length, int forbid) {
        reset();
        RelationIndex i1 = index(relations[0], inverse[0]);
        int k1 = startPosition(relations[0], inverse[0], start);
        if (k1 < 0) {
            return false;
        }
        RelationIndex i2 = length > 1 ? index(relations[1], inverse[1]) : null;
        for (int p1 = i1.start(k1); p1 < i1.end(k1); p1++) {
            int a = i1.target(p1);
            if (!spend()) {
                return false;
            }
            if (a == start || a == forbid || isLeftOut(relations[0], inverse[0], start, a)) {
                continue;
            }
            if (length == 1) {
                return true;
            }
            int k2 = i2.find(a);
            if (k2 < 0) {
                continue;
            }
            for (int p2 = i2.start(k2); p2 < i2.end(k2); p2++) {
                int b = i2.target(p2);
                if (b != start && b != a && b != forbid && !isLeftOut(relations[1], inverse[1], a, b)) {
                    return true;
                }
                if (!spend()) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * One grounding path from {@code start} to {@code target} (or to any end when {@code target} is -1):
     * the nodes {@code start, v1, ..., vn}, or {@code null} if there is none.
     */
    public int[] path(int start, int[] relations, boolean[] inverse, int length, int target, int forbid) {
        int[] nodes = new int[length + 1];
        nodes[0] = start;
        return search(nodes, 1, relations, inverse, length, target, forbid) ? nodes : null;
    }

    private boolean search(int[] nodes, int depth, int[] relations, boolean[] inverse, int length, int target,
                           int forbid) {
        RelationIndex idx = index(relations[depth - 1], inverse[depth - 1]);
        int k = idx.find(nodes[depth - 1]);
        if (k < 0) {
            return false;
        }
        for (int i = idx.start(k); i < idx.end(k); i++) {
            int v = idx.target(i);
            if (v == forbid || contains(nodes, depth, v)
                    || isLeftOut(relations[depth - 1], inverse[depth - 1], nodes[depth - 1], v)) {
                continue;
            }
            if (depth == length) {
                if (target < 0 || v == target) {
                    nodes[depth] = v;
                    return true;
                }
                continue;
            }
            if (v == target) {
                continue;
            }
            nodes[depth] = v;
            if (search(nodes, depth + 1, relations, inverse, length, target, forbid)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] nodes, int upTo, int v) {
        for (int i = 0; i < upTo; i++) {
            if (nodes[i] == v) {
                return true;
            }
        }
        return false;
    }
}
