package org.strata.graph.store;

/**
 * What an undo did.
 *
 * @param undoneDeltaId   the delta that was reverted
 * @param undoDeltaId     the delta that records the undo
 * @param factsRemoved    facts removed because no other source asserted them
 * @param factsReverted   facts kept because another delta also asserted them, with this delta's sources removed
 * @param entitiesRemoved entities left without facts and removed
 * @param namesCleared    names this delta had set, removed
 * @param rulesRemoved    rules this delta had recorded, removed
 * @param seconds         wall time
 */
public record UndoResult(String undoneDeltaId, String undoDeltaId, long factsRemoved, long factsReverted,
                        long entitiesRemoved, long namesCleared, long rulesRemoved, double seconds) {
}
