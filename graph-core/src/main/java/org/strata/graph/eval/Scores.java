package org.strata.graph.eval;

/**
 * The scores a scorer gives to the candidate answers of one query; higher is better.
 *
 * <p>{@link Dense} scores every entity. {@link Sparse} scores some entities; every entity it leaves out
 * ties with the others left out, below all scored ones. A NaN score counts as the lowest possible.
 */
public sealed interface Scores permits Scores.Dense, Scores.Sparse {

    /**
     * A score for every entity id.
     *
     * @param values one score per entity; the array may be reused by the scorer for the next query
     */
    record Dense(float[] values) implements Scores {
    }

    /**
     * Scores for some entities.
     *
     * @param entities distinct entity ids, in any order; only the first {@code size} are read
     * @param values   their scores
     * @param size     how many entries are used
     */
    record Sparse(int[] entities, float[] values, int size) implements Scores {
        public Sparse {
            if (size < 0 || size > entities.length || size > values.length) {
                throw new IllegalArgumentException("size must be between 0 and the array lengths, got " + size);
            }
        }
    }

    /**
     * The log-probability of {@code answer} under a softmax over every entity's score (a model that scores
     * every entity, as embedding models do); NaN scores count as the lowest possible.
     *
     * @throws IllegalArgumentException for sparse scores, which do not score every entity
     */
    static double logSoftmax(Scores s, int answer) {
        if (!(s instanceof Dense d)) {
            throw new IllegalArgumentException("a softmax needs a score for every entity");
        }
        float[] v = d.values();
        return Float.isNaN(v[answer]) ? Double.NEGATIVE_INFINITY : v[answer] - logSumExp(v);
    }

    /** log Σ exp(x) over the scores that are not NaN: a softmax's normaliser, computed without overflow. */
    static double logSumExp(float[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            if (!Float.isNaN(x)) {
                max = Math.max(max, x);
            }
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isNaN(x)) {
                sum += Math.exp(x - max);
            }
        }
        return max + Math.log(sum);
    }
}
