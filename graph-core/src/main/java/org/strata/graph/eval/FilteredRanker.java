package org.strata.graph.eval;

import org.strata.graph.projection.RelationIndex;

/**
 * Computes the filtered rank of a true answer, as the shared protocol defines it: other known true
 * answers are removed, and a tie counts at the mean position of the tied block (an answer tied with
 * {@code k} others at the top gets rank {@code 1 + k/2}; a scorer that gives every entity the same score
 * gets about n/2).
 *
 * <p>Keeps an O(n) marker array; not thread-safe, one instance per thread. Each call is O(n) for dense
 * scores and O(size + known) for sparse ones.
 */
public final class FilteredRanker {

    private final int entityCount;
    private final int[] filterMark;
    private final int[] seenMark;
    private int epoch;

    public FilteredRanker(int entityCount) {
        this.entityCount = entityCount;
        this.filterMark = new int[entityCount];
        this.seenMark = new int[entityCount];
    }

    /**
     * The filtered rank of {@code answer}.
     *
     * @param scores    the scorer's output for the query
     * @param answer    the true answer
     * @param known     the known answers of this query are the targets of {@code knownKey} in this index
     * @param knownKey  the query entity whose targets in {@code known} are true answers
     */
    public double rank(Scores scores, int answer, RelationIndex known, int knownKey) {
        nextEpoch();
        int filteredOthers = 0;
        int k = known.find(knownKey);
        if (k >= 0) {
            for (int i = known.start(k); i < known.end(k); i++) {
                int e = known.target(i);
                if (e != answer && filterMark[e] != epoch) {
                    filterMark[e] = epoch;
                    filteredOthers++;
                }
            }
        }
        return switch (scores) {
            case Scores.Dense d -> denseRank(d.values(), answer);
            case Scores.Sparse s -> sparseRank(s, answer, filteredOthers);
        };
    }

    private void nextEpoch() {
        epoch++;
        if (epoch == Integer.MAX_VALUE) {
            java.util.Arrays.fill(filterMark, 0);
            java.util.Arrays.fill(seenMark, 0);
            epoch = 1;
        }
    }

    private static float value(float v) {
        return Float.isNaN(v) ? Float.NEGATIVE_INFINITY : v;
    }

    private double denseRank(float[] values, int answer) {
        if (values.length != entityCount) {
            throw new IllegalArgumentException("dense scores must have one value per entity (" + entityCount
                    + "), got " + values.length);
        }
        float target = value(values[answer]);
        long greater = 0;
        long ties = 0;
        for (int e = 0; e < values.length; e++) {
            if (e == answer || filterMark[e] == epoch) {
                continue;
            }
            float v = value(values[e]);
            if (v > target) {
                greater++;
            } else if (v == target) {
                ties++;
            }
        }
        return greater + 1 + ties / 2.0;
    }

    private double sparseRank(Scores.Sparse s, int answer, int filteredOthers) {
        int[] entities = s.entities();
        float[] values = s.values();
        boolean answerScored = false;
        float target = 0;
        for (int i = 0; i < s.size(); i++) {
            int e = entities[i];
            if (e < 0 || e >= entityCount) {
                throw new IllegalArgumentException("sparse score for entity " + e + " outside 0.." + (entityCount - 1));
            }
            if (seenMark[e] == epoch) {
                throw new IllegalArgumentException("sparse scores list entity " + e + " twice");
            }
            seenMark[e] = epoch;
            if (e == answer) {
                answerScored = true;
                target = value(values[i]);
            }
        }
        long scoredOthers = 0;
        long greater = 0;
        long ties = 0;
        for (int i = 0; i < s.size(); i++) {
            int e = entities[i];
            if (e == answer || filterMark[e] == epoch) {
                continue;
            }
            scoredOthers++;
            if (answerScored) {
                float v = value(values[i]);
                if (v > target) {
                    greater++;
                } else if (v == target) {
                    ties++;
                }
            }
        }
        if (answerScored) {
            return greater + 1 + ties / 2.0;
        }
        long unscored = (entityCount - 1L) - filteredOthers - scoredOthers;
        return scoredOthers + 1 + unscored / 2.0;
    }
}
