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

    /**
     * Applies a governance step as one delta: communities, membership edges, fact and rule states, new
     * facts and evidence (see {@link ChangeSet}). Checked before anything is written; a failure part-way
     * reverts what was written. Undoing the delta restores every property and edge it touched.
     *
     * @return the delta's id
     * @throws IllegalArgumentException when the change names something that does not exist
     */
    String apply(ChangeSet changes, DeltaKind kind, String command, ProgressListener progress);

    /** Every fact with its lifecycle state, provenance and confirmations (one scan). */
    List<FactRecord> facts(ProgressListener progress);

    /**
     * The projection of the believed facts and every fact, equal to {@link #project} and {@link #facts};
     * an implementation reads the facts once for both.
     */
    default FactSnapshot snapshot(ProgressListener progress) {
        return new FactSnapshot(project(progress), facts(progress));
    }

    /** Every community with its members (entity uids at level 0, child community ids above). */
    List<CommunityRecord> communities();

    /** How many SHORTCUT edges (materialised rule paths, see {@link ChangeSet#shortcuts}) the store holds. */
    long shortcutCount();

    /**
     * Entities whose name or uid contains words of {@code text} (through the full-text index where the
     * store has one), best first: most words matched, then shorter names. At most {@code limit}.
     */
    List<String> findEntities(String text, int limit);

    /** The facts (any state) with {@code uid} at either end, at most {@code limit}, stated ones first. */
    List<FactRecord> factsAround(String uid, int limit);

    /** The recorded aliases of every entity that has some, by uid. */
    java.util.Map<String, List<String>> aliases();

    /** Every stored rule with its lifecycle state. */
    List<RuleStateRecord> rules();

    /** The readable name of every entity that has one, by uid. */
    java.util.Map<String, String> names();

    /** The declared type ("Person", "Disease") of every entity that has one, by uid. */
    java.util.Map<String, String> types();

    /**
     * The store's believed facts (state STABLE or SOLIDIFIED, or no state) projected onto dense ids;
     * CANDIDATE, LEFTOVER and DEPRECATED facts are left out. Entity names in the dictionary are uids.
     */
    Projection project(ProgressListener progress);

    /**
     * The TinkerPop graph, for serving Gremlin. A transaction committed through it (a traversal, or
     * {@code graph.tx().commit()}) is judged by {@link #clientWriteMode()}: refused when read-only, else
     * recorded as one delta of kind {@code gremlin} after the governance checks; a refusal throws (with a
     * {@link ClientWriteRefusedException} as cause) and writes nothing.
     */
    Graph graph();

    /**
     * The schema as sorted lines, one per vertex label, edge label, property key and index, with what
     * defines each (multiplicity, data type, cardinality, indexed keys and their status).
     */
    List<String> schema();

    /** How writes through {@link #graph()} are treated; {@link ClientWriteMode#GOVERNED} until set. */
    ClientWriteMode clientWriteMode();

    /** Sets how writes through {@link #graph()} are treated, from now on. */
    void clientWriteMode(ClientWriteMode mode);

    /**
     * Names who makes the writes that the calling thread commits through {@link #graph()} from now on
     * ("alice@127.0.0.1:53412"), for the command line of their deltas.
     */
    void attributeClientWrites(String who);

    /**
     * Leaves closing at JVM exit to the caller. JanusGraph closes its graph in a shutdown hook of its own
     * as soon as the JVM begins to exit, under whatever work is still running (a cycle's delta is then
     * left PENDING and rolled back at the next open); a caller that lets running work finish first, in a
     * shutdown hook that ends with {@link #close()}, calls this once after opening. Without a later
     * {@link #close()} an embedded store is then closed as after {@code kill -9}: recovered on the next open.
     */
    void closeOnlyWhenAsked();

    @Override
    void close();
}
