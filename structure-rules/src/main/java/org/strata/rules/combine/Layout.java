package org.strata.rules.combine;

import java.util.Arrays;

/**
 * How one candidate's rules sit in a {@link RuleNetwork}: which group unit each rule feeds, that group's
 * rank among the candidate's groups (by its first rule: the most confident first) and the rule's rank
 * inside its group. Scratch for one thread, refilled per candidate.
 */
final class Layout {
    /** How many group units the candidate has. */
    int groups;
    /** For each group rank, the group's index in the network. */
    int[] group = new int[16];
    /** For each group rank, {@code groupDecay^rank}. */
    double[] outFactor = new double[16];
    /** For each rule position, its group's rank. */
    int[] rank = new int[16];
    /** For each rule position, {@code decay^(its rank inside its group)}. */
    double[] inFactor = new double[16];
    private int[] inGroup = new int[16];

    /** Lays out {@code rules} (most confident first) for {@code net}. */
    void fill(RuleNetwork net, int[] rules) {
        fill(net, rules, 1);
    }

    /**
     * Lays out {@code rules} for {@code net}, every group's factor times {@code gain} (the network's factor for
     * a candidate already linked to the asking entity, else 1).
     */
    void fill(RuleNetwork net, int[] rules, double gain) {
        int m = rules.length;
        if (rank.length < m) {
            int size = Math.max(m, 2 * rank.length);
            group = Arrays.copyOf(group, size);
            outFactor = Arrays.copyOf(outFactor, size);
            rank = Arrays.copyOf(rank, size);
            inFactor = Arrays.copyOf(inFactor, size);
            inGroup = Arrays.copyOf(inGroup, size);
        }
        groups = 0;
        double out = gain;
        for (int i = 0; i < m; i++) {
            int g = net.groupOf[rules[i]];
            int j = 0;
            while (j < groups && group[j] != g) {
                j++;
            }
            if (j == groups) {
                group[j] = g;
                outFactor[j] = out;
                out *= net.groupDecay;
                inGroup[j] = 0;
                groups++;
            }
            rank[i] = j;
            inFactor[i] = net.decay == 1 ? 1 : Math.pow(net.decay, inGroup[j]);
            inGroup[j]++;
        }
    }
}
