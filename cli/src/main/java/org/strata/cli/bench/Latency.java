package org.strata.cli.bench;

import java.util.Arrays;

/**
 * Latency percentiles of a series of timed calls, in microseconds.
 *
 * @param count how many calls
 * @param meanMicros mean
 * @param p50Micros median
 * @param p99Micros 99th percentile
 * @param maxMicros slowest
 */
record Latency(int count, double meanMicros, double p50Micros, double p99Micros, double maxMicros) {

    /** From call durations in nanoseconds. */
    static Latency of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Latency(sorted.length, sum / sorted.length / 1e3, at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
