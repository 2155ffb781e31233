package org.strata.gpu.train;

/**
 * What one epoch did.
 *
 * @param epoch    1-based
 * @param loss     mean cross-entropy per query over the epoch
 * @param reg      mean N3 term per batch (before its weight)
 * @param seconds  wall time of the epoch's training steps (without validation)
 * @param queries  training queries seen (two per training fact)
 * @param validMrr filtered validation MRR after the epoch, or NaN when it was not validated
 * @param best     whether this epoch's parameters are the best so far (the ones kept)
 */
public record EpochReport(int epoch, double loss, double reg, double seconds, long queries, double validMrr,
                          boolean best) {

    /** Training facts per second: two queries per fact. */
    public double triplesPerSecond() {
        return queries / 2.0 / seconds;
    }
}
