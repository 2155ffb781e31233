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
    /** Open-addressing table from a group's index to its rank + 1, cleared per fill. */
    private int[] slotRank = new int[32];
    private double[] powers = new double[16];
    private double powersOf = Double.NaN;
    private int powersKnown;
    private int shift;

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
        int mask = slots(m);
        groups = 0;
        double out = gain;
        for (int i = 0; i < m; i++) {
            int g = net.groupOf[rules[i]];
            int slot = g * 0x9E3779B1 >>> shift;
            int j;
            while (true) {
                j = slotRank[slot] - 1;
                if (j < 0) {
                    j = groups++;
                    slotRank[slot] = j + 1;
                    group[j] = g;
                    outFactor[j] = out;
                    out *= net.groupDecay;
                    inGroup[j] = 0;
                    break;
                }
                if (group[j] == g) {
                    break;
                }
                slot = slot + 1 & mask;
            }
            rank[i] = j;
            inFactor[i] = power(net.decay, inGroup[j]);
            inGroup[j]++;
        }
    }

    /**
     * Clears a hash table of at least twice {@code m} slots (a power of two; group to rank + 1, 0 for empty);
     * sets the hash's shift, returns the mask.
     */
    private int slots(int m) {
        int size = Integer.highestOneBit(Math.max(8, 2 * m) - 1) << 1;
        if (slotRank.length < size) {
            slotRank = new int[size];
        } else {
            Arrays.fill(slotRank, 0, size, 0);
        }
        shift = Integer.numberOfLeadingZeros(size) + 1;
        return size - 1;
    }

    /** {@code decay^k}, from a table kept per decay (exactly {@link Math#pow}'s value). */
    private double power(double decay, int k) {
        if (decay == 1) {
            return 1;
        }
        if (decay != powersOf) {
            powersOf = decay;
            powersKnown = 0;
        }
        if (k >= powers.length) {
            powers = Arrays.copyOf(powers, Math.max(k + 1, 2 * powers.length));
        }
        while (powersKnown <= k) {
            powers[powersKnown] = Math.pow(decay, powersKnown);
            powersKnown++;
        }
        return powers[k];
    }
}
