package org.strata.rules.combine;

import java.util.Arrays;

/**
 * A sparse change to a network's weights, gathered from one query: the weights it touches with their
 * change (rule weights by rule index, then group weights after them), and the change of one bias. Reused
 * from query to query.
 */
final class Update {
    /** The weights touched: a rule's index, or the number of rules plus a group's index. */
    int[] rules = new int[64];
    double[] deltas = new double[64];
    int size;
    int bias = -1;
    double biasDelta;
    /** Where each weight sits in {@link #rules}, or -1: sized by the number of rule and group weights. */
    private final int[] slot;

    Update(int weights) {
        slot = new int[weights];
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

    /** An update for every weight of {@code net}. */
    Update(RuleNetwork net) {
        this(net.weights.length + net.groupWeights.length);
    }

    /** The cosine between this update and another over the same coordinates (weights and bias). */
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
