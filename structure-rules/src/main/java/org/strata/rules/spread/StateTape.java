package org.strata.rules.spread;

import java.util.ArrayList;
import java.util.List;

/**
 * Learning state a learner holds between prediction and update, as compact copies of network states
 * (the active units' indices and values). It measures itself: the bytes of the arrays it actually holds,
 * now and at the peak, so the memory figures of the learners are read off the real state, not worked
 * out from a formula.
 */
public final class StateTape {

    /** One stored state: the active units and their activity. */
    public record State(int[] units, double[] values) {

        /** Writes this state into a dense vector (which is cleared first). */
        public void restore(double[] dense) {
            java.util.Arrays.fill(dense, 0);
            for (int i = 0; i < units.length; i++) {
                dense[units[i]] = values[i];
            }
        }

        long bytes() {
            return 16L + 4L * units.length + 16L + 8L * values.length;
        }
    }

    private final List<State> states = new ArrayList<>();
    private long bytes;
    private long peak;

    /** Stores a compact copy of {@code dense}'s non-zero entries; returns its index on the tape. */
    public int push(double[] dense) {
        int n = 0;
        for (double x : dense) {
            if (x != 0) {
                n++;
            }
        }
        int[] u = new int[n];
        double[] v = new double[n];
        int j = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                u[j] = i;
                v[j++] = dense[i];
            }
        }
        State s = new State(u, v);
        states.add(s);
        bytes += s.bytes();
        peak = Math.max(peak, bytes);
        return states.size() - 1;
    }

    public State get(int index) {
        return states.get(index);
    }

    public int size() {
        return states.size();
    }

    /** Drops the newest state. */
    public void pop() {
        bytes -= states.remove(states.size() - 1).bytes();
    }

    /** Drops every state; the peak is kept. */
    public void clear() {
        states.clear();
        bytes = 0;
    }

    /** Bytes of the arrays held now. */
    public long bytes() {
        return bytes;
    }

    /** The most bytes held at once since this tape was made (or since {@link #resetPeak}). */
    public long peak() {
        return peak;
    }

    public void resetPeak() {
        peak = bytes;
    }
}
