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
 * @param resolved    names resolved to known entities, per stage (KEY, VARIANT, ALIAS, MINHASH, EDIT), and NEW
 * @param aliases     names to record as aliases
 */
public record GraphProposals(List<NewEntity> newEntities, List<Proposal> proposals, Map<String, Long> resolved,
                             List<AliasMerge> aliases) {

    /**
     * A name merged into an entity it does not spell exactly (a variant, a fuzzy or one-edit match), or
     * declared by a new entity: recorded as an alias, with how and where it was met.
     */
    public record AliasMerge(String uid, String alias, String how) {
    }

    /** An entity to create: uid, name as first seen, type, and the provenance of its first mention. */
    public record NewEntity(String uid, String name, String type, String source) {
    }
}
