package org.strata.rules.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.rules.evolve.CycleReport;
import org.strata.rules.evolve.EvolutionCycle;
import org.strata.rules.evolve.EvolveSettings;

/**
 * Runs evolution cycles one after the other on a store, each its own set of deltas; a cycle that
 * fails keeps nothing of itself and stops the job.
 */
public final class EvolveJob {

    private final GraphStore store;
    private final EvolveSettings settings;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final String command;

    private final Function<Projection, LinkScorer> opinions;

    /** A job on {@code store}; {@code command} is recorded with every delta. */
    public EvolveJob(GraphStore store, EvolveSettings settings, ExecutorService pool, ProgressListener progress,
                     String command) {
        this(store, settings, pool, progress, command, null);
    }

    /** A job whose cycles' judges weigh a second opinion too (see {@link EvolutionCycle}); null: none. */
    public EvolveJob(GraphStore store, EvolveSettings settings, ExecutorService pool, ProgressListener progress,
                     String command, Function<Projection, LinkScorer> opinions) {
        this.store = store;
        this.settings = settings;
        this.pool = pool;
        this.progress = progress;
        this.command = command;
        this.opinions = opinions;
    }

    /** Runs {@code cycles} cycles (one when {@code dryRun}), handing each report to {@code onCycle} as it ends. */
    public List<CycleReport> run(int cycles, boolean dryRun, Consumer<CycleReport> onCycle) {
        return run(cycles, dryRun, (report, states) -> onCycle.accept(report));
    }

    /** As {@link #run(int, boolean, Consumer)}, handing over every fact's state after each cycle too. */
    public List<CycleReport> run(int cycles, boolean dryRun, CycleListener onCycle) {
        List<CycleReport> reports = new ArrayList<>();
        for (int i = 0; i < (dryRun ? 1 : cycles); i++) {
            EvolutionCycle cycle = new EvolutionCycle(store, settings, pool, progress, command, opinions);
            CycleReport r = cycle.run(dryRun);
            reports.add(r);
            onCycle.ended(r, cycle.factStates());
        }
        return reports;
    }

    /** What is told when a cycle ends. */
    @FunctionalInterface
    public interface CycleListener {
        /**
         * @param report what the cycle did
         * @param states every fact's lifecycle state after the cycle, by {@link org.strata.graph.store.FactRecord#key()} (see
         *               {@link EvolutionCycle#factStates()}), valid to keep: the cycle changes it no more
         */
        void ended(CycleReport report, Map<String, LifecycleState> states);
    }
}
