package org.strata.rules.combine;

/**
 * Turns one training query into a weight change, by each {@link Learner}'s means; keeps scratch arrays,
 * one per thread.
 *
 * <p>The units of a query: for each candidate c, its group units h(c, j) (j the group's rank) and its own
 * unit s(c); one unit for the unreached. In the free phase h(c, j) = a(c, j), the decayed sum of the group's
 * rule weights, and s(c) = sum over j of groupDecay^j v(g) h(c, j). The phase learners read the network as
 * the minimum of an energy, the sum of the squared errors e of every unit against what its inputs predict
 * (zero in the free phase), plus {@code beta} times the loss when nudged.
 */
final class Gradients {

    private final Layout layout = new Layout();
    private double[] logits = new double[64];
    private double[] p = new double[65];
    /** Free-phase candidate scores and, at [n], the unreached unit's. */
    private double[] free = new double[65];
    /** Candidate states while settling. */
    private double[] state = new double[65];
    /** Candidate errors e(s) while settling. */
    private double[] error = new double[65];
    /** For each candidate, where its group units start in the flat arrays below. */
    private int[] offset = new int[65];
    /** Group units, flat: the free activity a(c, j), the state h(c, j), and the kinase traces. */
    private double[] groupFree = new double[256];
    private double[] groupState = new double[256];
    private double[] fastGroup = new double[256];
    private double[] slowGroup = new double[256];
    /**
     * The free phase's layout of every candidate, flat at the candidate's offset (the weights hold still while
     * one query settles): per rule its group's rank and decay factor, per group its network index, its rank
     * factor and that factor times the group's weight; and each candidate's group count.
     */
    private int[] ruleRank = new int[256];
    private double[] ruleIn = new double[256];
    private int[] groupIndexAt = new int[256];
    private double[] groupOut = new double[256];
    private double[] groupGain = new double[256];
    private int[] groupCount = new int[65];
    private double[] fast = new double[65];
    private double[] slow = new double[65];
    /** Units of the last query (candidates, groups, the unreached): what a phase learner holds. */
    int units;

    private void ensure(int n) {
        if (logits.length < n + 1) {
            int m = Math.max(n + 1, logits.length * 2);
            logits = new double[m];
            p = new double[m];
            free = new double[m];
            state = new double[m];
            error = new double[m];
            offset = new int[m + 1];
            groupCount = new int[m];
            fast = new double[m];
            slow = new double[m];
        }
    }

    private void ensureGroups(int size) {
        if (groupFree.length < size) {
            int m = Math.max(size, groupFree.length * 2);
            groupFree = new double[m];
            groupState = new double[m];
            fastGroup = new double[m];
            slowGroup = new double[m];
            ruleRank = new int[m];
            ruleIn = new double[m];
            groupIndexAt = new int[m];
            groupOut = new double[m];
            groupGain = new double[m];
        }
    }

    /** The cross-entropy of the answer under the network's own prediction. */
    double loss(RuleNetwork net, Query q) {
        int n = q.candidates().length;
        ensure(n);
        double rest = net.logits(q, logits, layout);
        double logZ = RuleNetwork.softmax(logits, n, rest, p);
        double answer = q.target() >= 0 ? logits[q.target()] : rest;
        return logZ - answer;
    }

    private static int groupIndex(RuleNetwork net) {
        return net.weights.length;
    }

    /** The exact gradient of the loss (backpropagation through the group layer), into {@code u}; returns the loss. */
    double gradient(RuleNetwork net, Query q, Update u) {
        int n = q.candidates().length;
        ensure(n);
        double rest = net.logits(q, logits, layout);
        double logZ = RuleNetwork.softmax(logits, n, rest, p);
        u.clear();
        int g0 = groupIndex(net);
        for (int c = 0; c < n; c++) {
            double ds = p[c] - (c == q.target() ? 1 : 0);
            int[] rules = q.rules()[c];
            layout.fill(net, rules, net.gain(q, c));
            for (int i = 0; i < rules.length; i++) {
                int j = layout.rank[i];
                int g = layout.group[j];
                double out = ds * layout.outFactor[j];
                // d s / d w = groupDecay^j v(g) decay^i;  d s / d v(g) = groupDecay^j sum of decay^i w
                u.add(rules[i], out * net.groupWeights[g] * layout.inFactor[i]);
                u.add(g0 + g, out * layout.inFactor[i] * net.weights[rules[i]]);
            }
        }
        u.bias = RuleNetwork.directionIndex(q.relation(), q.direction());
        u.biasDelta = q.unreached() > 0 ? p[n] - (q.target() < 0 ? 1 : 0) : 0;
        units = n + 1;
        return logZ - (q.target() >= 0 ? logits[q.target()] : rest);
    }

    /** Fills the free phase: candidate scores, group activities, the unreached unit; returns the loss. */
    private double freePhase(RuleNetwork net, Query q) {
        int n = q.candidates().length;
        ensure(n);
        int total = 0;
        for (int c = 0; c < n; c++) {
            offset[c] = total;
            total += q.rules()[c].length;
        }
        offset[n] = total;
        ensureGroups(total);
        for (int c = 0; c < n; c++) {
            int[] rules = q.rules()[c];
            layout.fill(net, rules, net.gain(q, c));
            int o = offset[c];
            int groups = layout.groups;
            groupCount[c] = groups;
            for (int j = 0; j < groups; j++) {
                groupFree[o + j] = 0;
                groupIndexAt[o + j] = layout.group[j];
                groupOut[o + j] = layout.outFactor[j];
                groupGain[o + j] = layout.outFactor[j] * net.groupWeights[layout.group[j]];
            }
            for (int i = 0; i < rules.length; i++) {
                ruleRank[o + i] = layout.rank[i];
                ruleIn[o + i] = layout.inFactor[i];
                groupFree[o + layout.rank[i]] += layout.inFactor[i] * net.weights[rules[i]];
            }
            double s = 0;
            for (int j = 0; j < groups; j++) {
                s += groupGain[o + j] * groupFree[o + j];
            }
            free[c] = s;
        }
        double rest = net.restScore(q.relation(), q.direction(), q.unreached());
        free[n] = rest;
        double logZ = RuleNetwork.softmax(free, n, rest, p);
        units = n + 1 + total;
        return logZ - (q.target() >= 0 ? free[q.target()] : rest);
    }

    /**
     * One settling step under a nudge of strength {@code beta}: each candidate's error is {@code -beta} times
     * the loss's slope at its state, each group unit moves by what its candidate's error asks of it, and each
     * candidate's state is what its groups now predict plus its error.
     */
    private void settleStep(RuleNetwork net, Query q, int n, double beta) {
        RuleNetwork.softmax(state, n, state[n], p);
        for (int c = 0; c <= n; c++) {
            double y = c == n ? (q.target() < 0 ? 1 : 0) : (c == q.target() ? 1 : 0);
            error[c] = c == n && free[n] == Double.NEGATIVE_INFINITY ? 0 : -beta * (p[c] - y);
        }
        for (int c = 0; c < n; c++) {
            int o = offset[c];
            double s = 0;
            for (int j = 0, groups = groupCount[c]; j < groups; j++) {
                double k = groupGain[o + j];
                groupState[o + j] = groupFree[o + j] + k * error[c];
                s += k * groupState[o + j];
            }
            state[c] = s + error[c];
        }
        state[n] = free[n] == Double.NEGATIVE_INFINITY ? free[n] : free[n] + error[n];
    }

    private void settle(RuleNetwork net, Query q, int n, double beta, int steps) {
        System.arraycopy(free, 0, state, 0, n + 1);
        System.arraycopy(groupFree, 0, groupState, 0, offset[n]);
        for (int step = 0; step < steps; step++) {
            settleStep(net, q, n, beta);
        }
    }

    /**
     * Adds {@code sign} times the energy's slope in each weight at the settled state to {@code u}: for a rule
     * weight minus the group unit's error times the rule's decay factor, for a group weight minus the
     * candidate's error times the group unit's state, for the bias minus the unreached unit's error. Each
     * is a product of quantities at the weight's two ends.
     */
    private void energySlope(RuleNetwork net, Query q, int n, double sign, double[] postError, double[] groupError,
                             Update u) {
        int g0 = groupIndex(net);
        for (int c = 0; c < n; c++) {
            int[] rules = q.rules()[c];
            int o = offset[c];
            for (int i = 0; i < rules.length; i++) {
                int j = ruleRank[o + i];
                u.add(rules[i], -sign * groupError[o + j] * ruleIn[o + i]);
            }
            for (int j = 0, groups = groupCount[c]; j < groups; j++) {
                u.add(g0 + groupIndexAt[o + j], -sign * postError[c] * groupOut[o + j] * groupState[o + j]);
            }
        }
        u.biasDelta += -sign * postError[n];
    }

    /**
     * Equilibrium propagation with symmetric nudging, into {@code u}: the units settle, {@code steps} times,
     * under a nudge of {@code +beta} and again of {@code -beta}; each weight changes by the difference of its
     * energy slope between the two nudged phases, divided by {@code 2 beta}. Returns the loss of the free
     * phase. Only the units' states are kept, never a record of the forward pass.
     */
    double phase(RuleNetwork net, Query q, double beta, int steps, Update u) {
        int n = q.candidates().length;
        double loss = freePhase(net, q);
        u.clear();
        u.bias = RuleNetwork.directionIndex(q.relation(), q.direction());
        double[] groupError = fastGroup;
        for (int sign = 1; sign >= -1; sign -= 2) {
            settle(net, q, n, sign * beta, steps);
            for (int k = 0; k < offset[n]; k++) {
                groupError[k] = groupState[k] - groupFree[k];
            }
            energySlope(net, q, n, sign / (2 * beta), error, groupError, u);
        }
        if (q.unreached() == 0) {
            u.biasDelta = 0;
        }
        return loss;
    }

    /**
     * The temporal-derivative form (kinase): every unit keeps a fast and a slow trace of its own activity.
     * The units run {@code steps} steps free, then {@code steps} steps nudged by {@code +beta} toward the
     * answer; a unit's error is its fast trace minus its slow trace (its activity has just moved, the slow
     * trace still remembers the free phase), and each weight changes by its sending activity times that
     * difference at its receiving unit, scaled back by the traces' gain. One nudged phase; no free-phase copy.
     */
    double kinase(RuleNetwork net, Query q, double beta, int steps, Update u) {
        final double fastRate = 0.5;
        final double slowRate = 0.1;
        int n = q.candidates().length;
        double loss = freePhase(net, q);
        int groups = offset[n];
        System.arraycopy(free, 0, state, 0, n + 1);
        System.arraycopy(groupFree, 0, groupState, 0, groups);
        for (int c = 0; c <= n; c++) {
            fast[c] = slow[c] = c == n && free[n] == Double.NEGATIVE_INFINITY ? 0 : free[c];
        }
        System.arraycopy(groupFree, 0, fastGroup, 0, groups);
        System.arraycopy(groupFree, 0, slowGroup, 0, groups);
        for (int step = 0; step < steps; step++) {
            settleStep(net, q, n, beta);
            for (int c = 0; c <= n; c++) {
                double x = c == n && free[n] == Double.NEGATIVE_INFINITY ? 0 : state[c];
                fast[c] += fastRate * (x - fast[c]);
                slow[c] += slowRate * (x - slow[c]);
            }
            for (int k = 0; k < groups; k++) {
                fastGroup[k] += fastRate * (groupState[k] - fastGroup[k]);
                slowGroup[k] += slowRate * (groupState[k] - slowGroup[k]);
            }
        }
        // the gain of (fast - slow) for a step change held over the nudged phase
        double gain = Math.pow(1 - slowRate, steps) - Math.pow(1 - fastRate, steps);
        for (int c = 0; c <= n; c++) {
            error[c] = (fast[c] - slow[c]) / gain;
        }
        for (int k = 0; k < groups; k++) {
            fastGroup[k] = (fastGroup[k] - slowGroup[k]) / gain;
        }
        u.clear();
        u.bias = RuleNetwork.directionIndex(q.relation(), q.direction());
        energySlope(net, q, n, 1 / beta, error, fastGroup, u);
        if (q.unreached() == 0) {
            u.biasDelta = 0;
        }
        return loss;
    }
}
