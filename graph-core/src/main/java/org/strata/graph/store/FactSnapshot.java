package org.strata.graph.store;

import java.util.List;
import org.strata.graph.projection.Projection;

/**
 * The store's facts as one scan reads them: the projection of the believed ones (what {@link
 * GraphStore#project} returns) and every fact with its state and provenance (what {@link GraphStore#facts}
 * returns), for a job that needs both, such as an evolution cycle.
 *
 * @param believed the projection of the believed facts
 * @param facts    every fact, whatever its state
 */
public record FactSnapshot(Projection believed, List<FactRecord> facts) {
}
