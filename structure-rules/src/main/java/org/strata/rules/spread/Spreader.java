package org.strata.rules.spread;

/**
 * Runs the spreading-activation network for one query at a time (one per thread: it owns its buffers).
 *
 * <p>A query (e, q) clamps the input b = 1 at s(e); activity starts at a⁰ = b and settles for K steps,
 * a ← b + W_q a, where W_q couples units through channel c with strength gate[q][c] × coefficient.
 * Answers are ranked by gain × (o(t) + bias[q][t]): the bias is a readout prior, outside the dynamics.
 * The network has the energy E(a) = ½aᵀ(I − W)a − bᵀa, and the cost of an answer t is
 * C = −log softmax(gain · (o + bias))_t over all entities; a nudged phase settles a ← b + W a − β ∂C/∂a.
 */
public final class Spreader {

    private final SpreadGraph graph;
    private final SpreadModel model;
    private final double[] a;
    private final double[] next;
    private final double[] b;
    private final double[] grad;
    private final double[] delta;
    /** Stored couplings left out (the training fact being learned from), or -1. */
    private final int[] masked = {-1, -1, -1, -1};

    public Spreader(SpreadGraph graph, SpreadModel model) {
        this.graph = graph;
        this.model = model;
        int n = graph.units();
        a = new double[n];
        next = new double[n];
        b = new double[n];
        grad = new double[n];
        delta = new double[n];
    }

    public SpreadGraph graph() {
        return graph;
    }

    public SpreadModel model() {
        return model;
    }

    /** The current state (live). */
    public double[] state() {
        return a;
    }

    /**
     * Leaves out the couplings of the fact that query (entity, q) with this answer is made of, so that a
     * training fact cannot answer itself (at evaluation the asked fact is not in the graph either).
     */
    public void maskFact(int entity, int q, int answer) {
        int r = graph.relations();
        int h = q < r ? entity : answer;
        int t = q < r ? answer : entity;
        int rel = q < r ? q : q - r;
        masked[0] = graph.entry(graph.subject(h), graph.object(t), rel);
        masked[1] = graph.entry(graph.object(t), graph.subject(h), rel);
        masked[2] = graph.entry(graph.subject(t), graph.object(h), r + rel);
        masked[3] = graph.entry(graph.object(h), graph.subject(t), r + rel);
    }

    /** Leaves nothing out. */
    public void unmask() {
        java.util.Arrays.fill(masked, -1);
    }

    private boolean isMasked(int i) {
        return i == masked[0] || i == masked[1] || i == masked[2] || i == masked[3];
    }

    /** Starts query (entity, q): the input b is 1 at s(entity), the state a = b; q's biases score the answers. */
    public void start(int entity, int q) {
        java.util.Arrays.fill(b, 0);
        b[graph.subject(entity)] = 1;
        System.arraycopy(b, 0, a, 0, a.length);
        bias = model.biases(q);
    }

    private float[] bias;

    /** Sets the state from a stored one (the clamp b stays). */
    public void restore(StateTape.State s) {
        s.restore(a);
    }

    /**
     * Settles {@code steps} steps from the current state with query relation {@code q}; with β ≠ 0 the
     * cost of {@code target} nudges the object units ({@code target} is ignored when β = 0).
     */
    public void settle(int q, int steps, double beta, int target) {
        float[] g = model.gates(q);
        for (int k = 0; k < steps; k++) {
            System.arraycopy(b, 0, next, 0, b.length);
            push(g, a, next);
            if (beta != 0) {
                costGradient(a, target, grad);
                for (int i = graph.entities(); i < a.length; i++) {
                    next[i] -= beta * grad[i];
                }
            }
            System.arraycopy(next, 0, a, 0, a.length);
        }
    }

    /** Adds W_q x to {@code out}. */
    private void push(float[] g, double[] x, double[] out) {
        for (int u = 0; u < x.length; u++) {
            double xu = x[u];
            if (xu == 0) {
                continue;
            }
            for (int i = graph.start(u), end = graph.end(u); i < end; i++) {
                if (!isMasked(i)) {
                    out[graph.other(i)] += g[graph.channel(i)] * graph.coef(i) * xu;
                }
            }
        }
    }

    /** The answer scores gain × o(t) of the current state, into {@code out} (one per entity). */
    public void scores(float[] out) {
        int n = graph.entities();
        float gain = model.gain();
        for (int t = 0; t < n; t++) {
            out[t] = (float) (gain * (a[n + t] + bias[t]));
        }
    }

    /** C = −log softmax(gain · o)_target at state {@code x}; ∂C/∂x into {@code out} (zero on subject units). */
    public double costGradient(double[] x, int target, double[] out) {
        int n = graph.entities();
        double gain = model.gain();
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            max = Math.max(max, gain * (x[n + t] + bias[t]));
        }
        double sum = 0;
        for (int t = 0; t < n; t++) {
            double e = Math.exp(gain * (x[n + t] + bias[t]) - max);
            out[n + t] = e;
            sum += e;
        }
        java.util.Arrays.fill(out, 0, n, 0);
        for (int t = 0; t < n; t++) {
            out[n + t] = gain * (out[n + t] / sum - (t == target ? 1 : 0));
        }
        return -(gain * (x[n + target] + bias[target]) - max - Math.log(sum));
    }

    /** The cost of {@code target} at the current state. */
    public double cost(int target) {
        return costGradient(a, target, grad);
    }

    /**
     * Adds −∂C/∂bias (the output error y − p, times the gain) at the current state to {@code out}: the
     * readout biases learn by the delta rule, the same for every learner.
     */
    public double biasDirection(int target, double[] out) {
        double c = costGradient(a, target, grad);
        int n = graph.entities();
        for (int e = 0; e < n; e++) {
            out[e] -= grad[n + e];
        }
        return c;
    }

    /**
     * Adds the Hebbian statistic of state {@code x} per channel to {@code out}: xᵀ Â_c x, the sum over
     * couplings of channel c of x(u)·coefficient·x(v), each symmetric coupling counted from both ends.
     */
    public void hebb(double[] x, double[] out, double scale) {
        for (int u = 0; u < x.length; u++) {
            double xu = x[u];
            if (xu == 0) {
                continue;
            }
            for (int i = graph.start(u), end = graph.end(u); i < end; i++) {
                double xv = x[graph.other(i)];
                if (xv != 0 && !isMasked(i)) {
                    out[graph.channel(i)] += scale * xu * graph.coef(i) * xv;
                }
            }
        }
    }

    /** Adds the current state's Hebbian statistic (see {@link #hebb(double[], double[], double)}). */
    public void hebb(double[] out, double scale) {
        hebb(a, out, scale);
    }

    /**
     * Backprop through the K unrolled steps of query (entity, q) with answer {@code target}: adds −∂C/∂gate
     * (a descent direction) per channel to {@code out}, −∂C/∂bias per entity to {@code biasOut}, and
     * returns C. The forward pass stores the states
     * it needs on {@code tape}: all K of them when {@code every} is 1, or every {@code every}-th (a
     * checkpoint) with each segment recomputed during the backward pass.
     */
    public double backprop(int entity, int q, int target, int steps, int every, StateTape tape, double[] out,
                           double[] biasOut) {
        float[] g = model.gates(q);
        start(entity, q);
        int checkpoints = 0;
        for (int k = 0; k < steps; k++) {
            if (k % every == 0) {
                tape.push(a);
                checkpoints++;
            }
            settle(q, 1, 0, -1);
        }
        double loss = costGradient(a, target, delta);
        biasGradient(biasOut); // the biases enter the cost only, at the final state
        for (int seg = (steps - 1) / every; seg >= 0; seg--) {
            int from = seg * every;
            int to = Math.min(from + every, steps);
            int base = tape.size();
            tape.get(seg).restore(a);
            for (int k = from + 1; k < to; k++) {
                settle(q, 1, 0, -1);
                tape.push(a);
            }
            for (int k = to; k > from; k--) {
                StateTape.State prev = k - 1 == from ? tape.get(seg) : tape.get(base + (k - 1 - from) - 1);
                accumulate(g, prev, out);
                if (k > 1) {
                    java.util.Arrays.fill(next, 0);
                    push(g, delta, next);
                    System.arraycopy(next, 0, delta, 0, delta.length);
                }
            }
            while (tape.size() > base) {
                tape.pop();
            }
        }
        while (tape.size() > 0) {
            tape.pop();
        }
        if (checkpoints == 0) {
            throw new IllegalStateException("no state stored");
        }
        return loss;
    }

    /** out[e] −= δ(o(e)). */
    private void biasGradient(double[] out) {
        int n = graph.entities();
        for (int e = 0; e < n; e++) {
            out[e] -= delta[n + e];
        }
    }

    /** out[c] −= Σ over couplings (u, v) of channel c: δ(v) · coefficient · prev(u). */
    private void accumulate(float[] g, StateTape.State prev, double[] out) {
        int[] units = prev.units();
        double[] values = prev.values();
        for (int j = 0; j < units.length; j++) {
            int u = units[j];
            double pu = values[j];
            for (int i = graph.start(u), end = graph.end(u); i < end; i++) {
                double d = delta[graph.other(i)];
                if (d != 0 && !isMasked(i)) {
                    out[graph.channel(i)] -= d * graph.coef(i) * pu;
                }
            }
        }
    }
}
