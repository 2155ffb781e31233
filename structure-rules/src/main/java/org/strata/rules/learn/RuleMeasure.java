package org.strata.rules.learn;

import java.util.SplittableRandom;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.ground.PathWalker;
import org.strata.rules.model.Rule;

/**
 * Measures a rule on the training facts: how many groundings its body has (its predictions) and how
 * many of those are facts (its correct predictions), from a sample of at most {@code sampleSize} body
 * groundings drawn in a seeded pseudo-random order. When the body has fewer groundings than the sample
 * size, the counts are exact.
 *
 * <ul>
 *   <li>cyclic {@code r(X,Y) <= path}: pairs (X,Y) joined by the path, X drawn from the entities the
 *       first atom starts from;</li>
 *   <li>{@code r(X,c) <= path(X..d)}: the X that reach d, found by walking the path back from d;</li>
 *   <li>{@code r(X,c) <= path(X..free)}: the X with any grounding, drawn like the cyclic case.</li>
 * </ul>
 * A reflexive rule {@code r(X,X) <= path} is measured like the rule with a constant, and is correct for
 * the X with {@code r(X,X)}; the path only has to avoid X itself.
 * Not thread-safe (owns a {@link PathWalker}); one per thread. Deterministic for a given seed.
 */
final class RuleMeasure {

    private final Projection train;
    private final PathWalker walker;
    private final int sampleSize;

    RuleMeasure(Projection train, int sampleSize, int maxVisits) {
        this.train = train;
        this.walker = new PathWalker(train, maxVisits);
        this.sampleSize = sampleSize;
    }

    /** The rule with its measured counts. */
    Rule measure(Rule rule, long seed) {
        int n = rule.length();
        int[] rels = new int[n];
        boolean[] inv = new boolean[n];
        for (int i = 0; i < n; i++) {
            rels[i] = rule.relation(i);
            inv[i] = rule.inverse(i);
        }
        long predicted = 0;
        long correct = 0;
        int r = rule.head();
        boolean self = rule.reflexive();
        int c = self ? Rule.NONE : rule.headConstant();
        boolean tail = rule.constantIsTail();
        if (rule.kind() == Rule.Kind.CONSTANT_END) {
            int[] revRels = new int[n];
            boolean[] revInv = new boolean[n];
            for (int i = 0; i < n; i++) {
                revRels[i] = rels[n - 1 - i];
                revInv[i] = !inv[n - 1 - i];
            }
            int found = walker.ends(rule.endConstant(), revRels, revInv, n, c);
            for (int i = 0; i < found; i++) {
                int x = walker.end(i);
                predicted++;
                if (holds(x, r, c, self, tail)) {
                    correct++;
                }
            }
            return rule.withCounts(predicted, correct);
        }
        RelationIndex first = train.index(rels[0], inv[0] ? Direction.IN : Direction.OUT);
        int keys = first.keyCount();
        if (keys == 0) {
            return rule.withCounts(0, 0);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int offset = rng.nextInt(keys);
        int stride = coprimeStride(keys, rng);
        for (int i = 0; i < keys && predicted < sampleSize; i++) {
            int x = first.key((int) ((offset + (long) i * stride) % keys));
            if (rule.kind() == Rule.Kind.CYCLIC) {
                int found = walker.ends(x, rels, inv, n, -1);
                for (int j = 0; j < found; j++) {
                    predicted++;
                    if (train.contains(x, r, walker.end(j))) {
                        correct++;
                    }
                }
            } else if (x != c && walker.any(x, rels, inv, n, c)) {
                predicted++;
                if (holds(x, r, c, self, tail)) {
                    correct++;
                }
            }
        }
        return rule.withCounts(predicted, correct);
    }

    /** Whether the head of a rule with a constant holds for X = x: r(x,c), r(c,x), or r(x,x) when reflexive. */
    private boolean holds(int x, int r, int c, boolean self, boolean tail) {
        if (self) {
            return train.contains(x, r, x);
        }
        return tail ? train.contains(x, r, c) : train.contains(c, r, x);
    }

    /** A step in [1, n) coprime to n, so that offset + i * step visits every position once. */
    static int coprimeStride(int n, SplittableRandom rng) {
        if (n <= 2) {
            return 1;
        }
        int s = 1 + rng.nextInt(n - 1);
        while (gcd(s, n) != 1) {
            s = s % (n - 1) + 1;
        }
        return s;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
