package org.strata.rules.local;

import org.strata.rules.spread.Spreader;
import org.strata.rules.spread.StateTape;

/**
 * One learner's estimate of the descent direction for one training query, and the learning state it
 * holds between the prediction and the update (measured on a {@link StateTape}).
 *
 * <p>The phase rules follow from the network's energy E(a) = ½aᵀ(I − W)a − bᵀa: ∂E/∂gate_c = −½ H_c(a)
 * with H_c(a) = Σ over couplings of channel c of a(u)·coefficient·a(v). With the outcome phase settled
 * at +β and −β, −∂C/∂gate_c ≈ (H_c(a⁺) − H_c(a⁻)) / 4β: contrastive Hebbian learning, local to each
 * coupling's two units, exact as β → 0 when the phases settle. The readout biases sit outside the
 * dynamics; every learner moves them by the output units' own error (the delta rule, which is also
 * their exact gradient).
 */
public final class LocalUpdate {

    private LocalUpdate() {
    }

    /** Per-thread scratch arrays of {@link #direction}. */
    public static final class Scratch {
        final double[] gates;
        final double[] biases;
        final double[] fast;
        final double[] slow;

        public Scratch(int channels, int entities) {
            gates = new double[channels];
            biases = new double[entities];
            fast = new double[2 * entities];
            slow = new double[2 * entities];
        }
    }

    /**
     * Adds the descent direction for answer {@code target} of query (entity, q) to {@code gateOut} (per
     * channel of q) and {@code biasOut} (per entity, q's biases); returns the cost of the prediction.
     *
     * @param beta nudging strength (phase and kinase rules), relative to the answer's one-hot: the outcome
     *             phase pushes the answer units by β (p − y), whatever the gain
     * @param tape receives the learning state held between prediction and update; its peak is the measure
     */
    public static double direction(LocalRule rule, Spreader net, int entity, int q, int target, double beta,
                                   StateTape tape, double[] gateOut, double[] biasOut, Scratch scratch) {
        int k = net.model().steps();
        beta = beta / net.model().gain(); // dC/da carries the gain; the push on the units is beta (p - y)
        double[] g = scratch.gates;
        double[] bias = scratch.biases;
        java.util.Arrays.fill(g, 0);
        java.util.Arrays.fill(bias, 0);
        double cost;
        switch (rule) {
            case BPTT -> cost = net.backprop(entity, q, target, k, 1, tape, g, bias);
            case BPTT_CHECKPOINT -> cost = net.backprop(entity, q, target, k, (int) Math.ceil(Math.sqrt(k)), tape, g,
                    bias);
            case PHASE, PHASE_PLAIN -> {
                // prediction: the free phase; every phase starts from the input and settles K steps, so the
                // two phases compared have settled equally long (no drift between them)
                net.start(entity, q);
                net.settle(q, k, 0, -1);
                cost = net.biasDirection(target, bias);
                boolean plain = rule == LocalRule.PHASE_PLAIN;
                if (!plain) {
                    net.start(entity, q);
                    net.settle(q, k, -beta, target);
                }
                int minus = tape.push(net.state()); // the one snapshot held until the update
                net.start(entity, q);
                net.settle(q, k, beta, target);
                double gs = plain ? 1 / (2 * beta) : 1 / (4 * beta);
                net.hebb(g, gs);
                net.restore(tape.get(minus));
                net.hebb(g, -gs);
                tape.clear();
            }
            case KINASE -> {
                int n = net.graph().units();
                double[] p = scratch.fast;
                double[] d = scratch.slow;
                double tauD = Math.max(2.0, k / 2.0);
                net.start(entity, q);
                System.arraycopy(net.state(), 0, p, 0, n);
                System.arraycopy(net.state(), 0, d, 0, n);
                for (int s = 0; s < k; s++) {
                    net.settle(q, 1, 0, -1);
                    trace(net.state(), p, d, tauD);
                }
                cost = net.biasDirection(target, bias);
                tape.push(p);
                tape.push(d);
                for (int s = 0; s < k; s++) {
                    net.settle(q, 1, beta, target);
                    trace(net.state(), p, d, tauD);
                }
                // with the activity held at x+ through the plus phase, P - D = lag (x+ - x-), lag = (1 - 1/tauD)^K
                double lag = Math.pow(1 - 1 / tauD, k);
                net.hebb(p, g, 1 / (2 * beta * lag));
                net.hebb(d, g, -1 / (2 * beta * lag));
                tape.clear();
            }
            default -> throw new IllegalStateException(rule.name());
        }
        add(g, gateOut);
        add(bias, biasOut);
        return cost;
    }

    /** P follows the activity at once; D follows P with time constant τD (steps). */
    private static void trace(double[] x, double[] p, double[] d, double tauD) {
        for (int i = 0; i < x.length; i++) {
            p[i] = x[i];
            d[i] += (p[i] - d[i]) / tauD;
        }
    }

    private static void add(double[] from, double[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] += from[i];
        }
    }
}
