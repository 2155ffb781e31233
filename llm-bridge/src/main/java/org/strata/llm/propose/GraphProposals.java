package org.strata.llm.propose;

import java.util.List;
import java.util.Map;
import org.strata.graph.store.Proposal;

/**
 * What an extraction proposes to the store: entities that resolution could not match (to be created),
 * facts between entities, and how names were resolved.
 *
 * @param newEntities entities to create, by uid
 * @param proposals   facts, each with its provenance as source and the text that states it as evidence
 * @param resolved    names resolved to known entities, per stage (KEY, ALIAS, MINHASH), and NEW
 */
public record GraphProposals(List<NewEntity> newEntities, List<Proposal> proposals, Map<String, Long> resolved) {

    /** An entity to create: uid, name as first seen, type, and the provenance of its first mention. */
    public record NewEntity(String uid, String name, String type, String source) {
    }
}
