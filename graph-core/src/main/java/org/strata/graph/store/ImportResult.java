package org.strata.graph.store;

/**
 * What an import did. Every triple line falls in exactly one of added, confirmed and unchanged. An import
 * that changes nothing (no triple, or every one already in the store from the same file, no new name)
 * records no delta: {@link #nothingImported()}.
 *
 * @param deltaId          the delta that records the import (undo it with this id); null when nothing was
 *                         imported
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
 * @param byteOrderMarks   the files that began with a UTF-8 byte-order mark, dropped before the first field
 */
public record ImportResult(String deltaId, int files, long lines, long factsAdded, long factsConfirmed,
                           long factsUnchanged, long entitiesAdded, long namesSet, long namesConflicting,
                           double seconds, java.util.List<java.nio.file.Path> byteOrderMarks) {

    public ImportResult {
        byteOrderMarks = java.util.List.copyOf(byteOrderMarks);
    }

    /** Whether the import changed nothing and recorded no delta. */
    public boolean nothingImported() {
        return deltaId == null;
    }

    /** Facts per second over the whole command. */
    public double factsPerSecond() {
        return seconds <= 0 ? 0 : lines / seconds;
    }
}
