package org.strata.graph.eval;

import java.util.List;
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

    /**
     * The independent opinions this scorer speaks for, for a judge that weighs each on its own: itself,
     * or a {@link Committee}'s members.
     */
    default List<LinkScorer> voices() {
        return List.of(this);
    }

    /** Scores queries on one thread. */
    interface Session {
        /**
         * Scores the answers of a query: with {@code OUT}, the tails of {@code (entity, relation, ?)}; with
         * {@code IN}, the heads of {@code (?, relation, entity)}. The returned arrays may be reused by the
         * next call.
         */
        Scores score(int entity, int relation, Direction direction);

        /**
         * Says which queries the next calls of {@link #score} will ask, in this order: {@code count} of
         * them, the i-th being ({@code entities[i]}, {@code relations[i]}, {@code directions[i]}). A
         * scorer that answers many queries faster at once (an embedding model, by one matrix product
         * instead of one matrix-vector product each) scores them here; the others ignore it. Calls in
         * another order are answered all the same.
         */
        default void expect(int[] entities, int[] relations, Direction[] directions, int count) {
        }
    }
}
