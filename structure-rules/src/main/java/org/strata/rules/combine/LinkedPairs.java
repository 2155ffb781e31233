package org.strata.rules.combine;

import java.util.HashMap;
import java.util.Map;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;

/**
 * How often a fact's two entities are also linked by another known fact, in the validation split and among
 * the training facts: what decides how training queries leave facts out. A training query always leaves
 * out its own fact; where validation facts are linked by a training fact less often than training facts
 * are linked by another (FB15k-237 was built so that no validation or test fact's entities are linked in
 * training, while 38 % of its training facts have such a link), a query that kept those links would teach
 * the network to trust rules that restate a link, rules that never fire at test. So a training query
 * leaves out every fact between its two entities with the probability that makes the two shares equal.
 *
 * @param validShare the share of validation facts whose entities a training fact links
 * @param trainShare the share of training facts whose entities another training fact links
 */
public record LinkedPairs(double validShare, double trainShare) {

    /** No statistics (no validation split): training queries leave out their own fact only. */
    public static final LinkedPairs NONE = new LinkedPairs(Double.NaN, Double.NaN);

    /** The shares of {@code valid}'s facts and of the sampled training facts {@code train[0, trainCount)}. */
    public static LinkedPairs measure(Projection known, TripleList valid, TripleList train, int trainCount) {
        Map<Long, Integer> links = new HashMap<>();
        for (int f = 0; f < known.factCount(); f++) {
            links.merge(pair(known.head(f), known.tail(f)), 1, Integer::sum);
        }
        int linked = 0;
        for (int i = 0; i < valid.size(); i++) {
            linked += links.containsKey(pair(valid.heads()[i], valid.tails()[i])) ? 1 : 0;
        }
        int alsoLinked = 0;
        for (int i = 0; i < trainCount; i++) {
            alsoLinked += links.getOrDefault(pair(train.heads()[i], train.tails()[i]), 0) > 1 ? 1 : 0;
        }
        return new LinkedPairs(valid.size() == 0 ? Double.NaN : (double) linked / valid.size(),
                trainCount == 0 ? Double.NaN : (double) alsoLinked / trainCount);
    }

    /**
     * The probability with which a training query leaves out every fact between its entities:
     * {@code 1 - validShare / trainShare}, 0 when validation facts are linked as often (or there are no
     * statistics).
     */
    public double leaveOutShare() {
        if (!(trainShare > 0) || Double.isNaN(validShare)) {
            return 0;
        }
        return Math.max(0, 1 - validShare / trainShare);
    }

    /** Whether the training query of sampled fact {@code index} leaves out its pair, seeded: both directions alike. */
    boolean leavesOutPair(long seed, int index) {
        double share = leaveOutShare();
        if (share <= 0) {
            return false;
        }
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < share;
    }

    /** An unordered pair of entities as one key. */
    private static long pair(int a, int b) {
        return a < b ? (long) a << 32 | b : (long) b << 32 | a;
    }
}
