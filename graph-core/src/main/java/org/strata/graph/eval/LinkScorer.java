package org.strata.graph.eval;

import org.strata.graph.projection.Direction;

/**
 * Something that ranks candidate answers of link-prediction queries: rules, embeddings, local learning,
 * baselines. It is used through sessions, one per thread, so that a scorer can keep per-thread buffers.
 */
public interface LinkScorer {

    /** A short name for reports, e.g. "frequency". */
    String name();

    /** A new session for one thread. */
    Session newSession();

    /** Scores queries on one thread. */
    interface Session {
        /**
         * Scores the answers of a query: with {@code OUT}, the tails of {@code (entity, relation, ?)}; with
         * {@code IN}, the heads of {@code (?, relation, entity)}. The returned arrays may be reused by the
         * next call.
         */
        Scores score(int entity, int relation, Direction direction);
    }
}
