package org.strata.graph.store;

import java.util.List;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;

/**
 * The graph store: facts between entities, with provenance, and the delta log that records every change
 * and can undo it.
 *
 * <p>Every write is one {@link DeltaRecord}. A write is atomic: bad input is rejected before anything is
 * written, a failure mid-way rolls back what was written, and a process killed mid-way leaves a PENDING
 * delta that the next {@link Stores#open open} rolls back. Analytics do not iterate the store; they ask
 * for a {@link #project projection}.
 *
 * <p>Thread-safe for reads; writes (import, undo) are serialised by the store.
 */
public interface GraphStore extends AutoCloseable {

    /** Where the store lives. */
    StoreSpec spec();

    /** What opening the store had to repair. */
    RecoveryReport recovery();

    /**
     * Imports triple files as one delta.
     *
     * @throws org.strata.graph.io.InputException for bad input; nothing is written then
     */
    ImportResult importFacts(ImportRequest request, ProgressListener progress);

    /** Every delta, oldest first. */
    List<DeltaRecord> history();

    /**
     * Reverts a committed delta: removes what it added and nothing that another delta also asserted,
     * clears the names it set, and records the undo as a delta of its own.
     *
     * @throws IllegalArgumentException if there is no such delta
     * @throws IllegalStateException    if the delta is not committed, or is itself an undo
     */
    UndoResult undo(String deltaId, String command, ProgressListener progress);

    /**
     * Records learned rules as {@code Rule} vertices (state CANDIDATE) in one delta; undoing it removes
     * them.
     *
     * @return the delta's id
     */
    String writeRules(List<RuleRecord> rules, String command, ProgressListener progress);

    /** The readable name of every entity that has one, by uid. */
    java.util.Map<String, String> names();

    /** The store's facts projected onto dense ids; entity names in the dictionary are the entities' uids. */
    Projection project(ProgressListener progress);

    /** The TinkerPop graph, for serving Gremlin. Writes through it bypass the delta log. */
    Graph graph();

    @Override
    void close();
}
