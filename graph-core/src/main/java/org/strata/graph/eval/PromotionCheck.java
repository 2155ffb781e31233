package org.strata.graph.eval;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleReader;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;

/**
 * Judges the lifecycle's promotions against ground truth: a file of the facts known to be true. After
 * each evolve cycle, the facts it promoted (believed now, not before it) and how many of them are true
 * (precision), and how many of the true facts in the store are believed (recall). A fact of the store not
 * in the file counts as false; a fact of the file not in the store is not counted.
 */
public final class PromotionCheck {

    /**
     * One cycle's promotions against the truth.
     *
     * @param cycle        the cycle (1 for the first checked; {@link #numbered} gives the store's own number)
     * @param promoted     facts promoted to STABLE or SOLIDIFIED by the cycle
     * @param promotedTrue of them, those in the truth file
     * @param precision    {@code promotedTrue / promoted} (NaN when nothing was promoted)
     * @param trueInStore  facts of the truth file the store holds, in any state
     * @param trueBelieved of them, those believed
     * @param recall       {@code trueBelieved / trueInStore} (NaN when the store holds none)
     */
    public record Cycle(int cycle, long promoted, long promotedTrue, double precision, long trueInStore,
                       long trueBelieved, double recall) {

        /** The same figures under another cycle number (the store's own count of its cycles). */
        public Cycle numbered(int n) {
            return new Cycle(n, promoted, promotedTrue, precision, trueInStore, trueBelieved, recall);
        }
    }

    private final Set<String> truth;
    private Map<String, LifecycleState> before;
    private int cycle;

    /** A check of the true facts in {@code truth}, starting from the store's facts {@code now}. */
    public PromotionCheck(Set<String> truth, List<FactRecord> now) {
        this.truth = Set.copyOf(truth);
        this.before = states(now);
    }

    /** The true facts of a TSV file (head, relation, tail per line), as keys for {@link #PromotionCheck}. */
    public static Set<String> read(Path file) {
        Set<String> out = new HashSet<>();
        TripleReader.read(file, TripleFormat.TSV, (h, r, t, line) -> out.add(FactRecord.key(h, r, t)));
        return out;
    }

    /** How the cycle that led from the last state to the store's facts {@code now} did. */
    public Cycle after(List<FactRecord> now) {
        return after(states(now));
    }

    /**
     * As {@link #after(List)}, from every fact's state by its {@link FactRecord#key()} (what an evolve cycle
     * keeps of its writes, so that checking it needs no second read of the store). The map is kept until
     * the next call, not copied.
     */
    public Cycle after(Map<String, LifecycleState> states) {
        long promoted = 0;
        long promotedTrue = 0;
        long inStore = 0;
        long believed = 0;
        for (Map.Entry<String, LifecycleState> e : states.entrySet()) {
            boolean isTrue = truth.contains(e.getKey());
            boolean believedNow = e.getValue().believed();
            LifecycleState was = before.get(e.getKey());
            if (believedNow && (was == null || !was.believed())) {
                promoted++;
                promotedTrue += isTrue ? 1 : 0;
            }
            if (isTrue) {
                inStore++;
                believed += believedNow ? 1 : 0;
            }
        }
        before = states;
        cycle++;
        return new Cycle(cycle, promoted, promotedTrue, promoted == 0 ? Double.NaN : promotedTrue / (double) promoted,
                inStore, believed, inStore == 0 ? Double.NaN : believed / (double) inStore);
    }

    private static Map<String, LifecycleState> states(List<FactRecord> facts) {
        Map<String, LifecycleState> m = new HashMap<>(facts.size() * 2);
        for (FactRecord f : facts) {
            m.put(f.key(), f.state());
        }
        return m;
    }
}
