package org.strata.rules.combine;

/**
 * Turns one training query into a weight change, by each {@link Learner}'s means; keeps scratch arrays,
 * one per thread.
 */
final class Gradients {

    private double[] logits = new double[64];
    private double[] p = new double[65];
    private double[] free = new double[65];
    private double[] plus = new double[65];
    private double[] minus = new double[65];
    private double[] prob = new double[65];

    private void ensure(int n) {
        if (logits.length < n + 1) {
            int m = Math.max(n + 1, logits.length * 2);
            logits = new double[m];
            p = new double[m];
            free = new double[m];
            plus = new double[m];
            minus = new double[m];
            prob = new double[m];
        }
    }

    /** The cross-entropy of the answer under the network's own prediction. */
    double loss(RuleNetwork net, Query q) {
        int n = q.candidates().length;
        ensure(n);
        double rest = net.logits(q, logits);
        double logZ = RuleNetwork.softmax(logits, n, rest, p);
        double answer = q.target() >= 0 ? logits[q.target()] : rest;
        return logZ - answer;
    }

    /** The exact gradient of the loss, into {@code u}; returns the loss. */
    double gradient(RuleNetwork net, Query q, Update u) {
        int n = q.candidates().length;
        ensure(n);
        double rest = net.logits(q, logits);
        double logZ = RuleNetwork.softmax(logits, n, rest, p);
        u.clear();
        for (int c = 0; c < n; c++) {
            double g = p[c] - (c == q.target() ? 1 : 0);
            double f = 1;
            for (int r : q.rules()[c]) {
                u.add(r, g * f);
                f *= net.decay;
            }
        }
        u.bias = net.biasIndex(q.relation(), q.direction());
        u.biasDelta = q.unreached() > 0 ? p[n] - (q.target() < 0 ? 1 : 0) : 0;
        return logZ - (q.target() >= 0 ? logits[q.target()] : rest);
    }

    /**
     * Equilibrium propagation with symmetric nudging, into {@code u}: the candidate units (and the unit for
     * the rest) settle, {@code steps} times, to {@code u = s - beta * (softmax(u) - y)} for {@code +beta} and
     * {@code -beta}, where {@code s} is the free phase (the network's own scores); each weight then changes
     * by its rule's activity (1 where it fired) times {@code (u(-beta) - u(+beta)) / (2 beta)} at the
     * candidate it feeds. Returns the loss of the free phase.
     */
    double phase(RuleNetwork net, Query q, double beta, int steps, Update u) {
        int n = q.candidates().length;
        ensure(n);
        double rest = net.logits(q, logits);
        boolean hasRest = q.unreached() > 0;
        System.arraycopy(logits, 0, free, 0, n);
        free[n] = hasRest ? rest : Double.NEGATIVE_INFINITY;
        double logZ = RuleNetwork.softmax(logits, n, rest, p);
        settle(q, n, beta, steps, plus);
        settle(q, n, -beta, steps, minus);
        u.clear();
        for (int c = 0; c < n; c++) {
            double d = (minus[c] - plus[c]) / (2 * beta);
            double f = 1;
            for (int r : q.rules()[c]) {
                u.add(r, d * f);
                f *= net.decay;
            }
        }
        u.bias = net.biasIndex(q.relation(), q.direction());
        u.biasDelta = hasRest ? (minus[n] - plus[n]) / (2 * beta) : 0;
        return logZ - (q.target() >= 0 ? logits[q.target()] : rest);
    }

    /** Settles the output units from the free phase under a nudge of strength {@code beta}. */
    private void settle(Query q, int n, double beta, int steps, double[] state) {
        System.arraycopy(free, 0, state, 0, n + 1);
        for (int step = 0; step < steps; step++) {
            RuleNetwork.softmax(state, n, state[n], prob);
            for (int c = 0; c <= n; c++) {
                if (c == n && free[n] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double y = c == n ? (q.target() < 0 ? 1 : 0) : (c == q.target() ? 1 : 0);
                state[c] = free[c] - beta * (prob[c] - y);
            }
        }
    }
}
