package org.strata.rules.combine;

import java.util.Arrays;

/**
 * A sparse change to a network's weights, gathered from one query: the rules it touches with their
 * change, and the change of one bias. Reused from query to query.
 */
final class Update {
    int[] rules = new int[64];
    double[] deltas = new double[64];
    int size;
    int bias = -1;
    double biasDelta;
    /** Where each rule sits in {@link #rules}, or -1: sized by the number of rules. */
    private final int[] slot;

    Update(int ruleCount) {
        slot = new int[ruleCount];
        Arrays.fill(slot, -1);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            slot[rules[i]] = -1;
        }
        size = 0;
        bias = -1;
        biasDelta = 0;
    }

    void add(int rule, double delta) {
        int s = slot[rule];
        if (s < 0) {
            if (size == rules.length) {
                rules = Arrays.copyOf(rules, size * 2);
                deltas = Arrays.copyOf(deltas, size * 2);
            }
            s = size++;
            slot[rule] = s;
            rules[s] = rule;
            deltas[s] = 0;
        }
        deltas[s] += delta;
    }

    /** The cosine between this update and another over the same coordinates (rules and bias). */
    double cosine(Update other) {
        double dot = bias == other.bias ? biasDelta * other.biasDelta : 0;
        double na = biasDelta * biasDelta;
        double nb = other.biasDelta * other.biasDelta;
        for (int i = 0; i < other.size; i++) {
            int s = slot[other.rules[i]];
            if (s >= 0) {
                dot += deltas[s] * other.deltas[i];
            }
            nb += other.deltas[i] * other.deltas[i];
        }
        for (int i = 0; i < size; i++) {
            na += deltas[i] * deltas[i];
        }
        return na == 0 || nb == 0 ? (na == nb ? 1 : 0) : dot / Math.sqrt(na * nb);
    }
}
