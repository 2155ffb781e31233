package org.strata.graph.store;

/**
 * What an import did. Every triple line falls in exactly one of added, confirmed and unchanged.
 *
 * @param deltaId          the delta that records the import (undo it with this id)
 * @param files            how many triple files were read
 * @param lines            triple lines read
 * @param factsAdded       new facts
 * @param factsConfirmed   facts that already existed and gained this file as a new source
 * @param factsUnchanged   lines whose fact already had this very file as a source (a re-import, or a
 *                         line repeated in the file)
 * @param entitiesAdded    new entities
 * @param namesSet         entities that received a readable name
 * @param namesConflicting names that were not set because the entity already had another name
 * @param seconds          wall time, reading included
 */
public record ImportResult(String deltaId, int files, long lines, long factsAdded, long factsConfirmed,
                           long factsUnchanged, long entitiesAdded, long namesSet, long namesConflicting,
                           double seconds) {

    /** Facts per second over the whole command. */
    public double factsPerSecond() {
        return seconds <= 0 ? 0 : lines / seconds;
    }
}
