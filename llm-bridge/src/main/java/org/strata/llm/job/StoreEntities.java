package org.strata.llm.job;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.GraphStore;
import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.client.MiniLmEncoder;

/** The store's entities (uids, names, types, aliases) loaded into an {@link EntityResolver}. */
final class StoreEntities {

    private StoreEntities() {
    }

    /**
     * A resolver that knows every entity of the store, with the embedding stage when
     * {@code embeddings}; {@code uids} receives every uid.
     */
    public static EntityResolver resolver(GraphStore store, Set<String> uids, boolean embeddings,
                                          ProgressListener progress) {
        Projection facts = store.project(progress);
        Map<String, String> names = store.names();
        Map<String, String> types = store.types();
        Map<String, List<String>> aliases = store.aliases();
        EntityResolver resolver = new EntityResolver();
        if (embeddings) {
            resolver.withEncoder(new MiniLmEncoder());
        }
        for (int e = 0; e < facts.entityCount(); e++) {
            String uid = facts.entities().name(e);
            uids.add(uid);
            resolver.add(uid, names.get(uid), types.get(uid), null, aliases.getOrDefault(uid, List.of()));
        }
        for (Map.Entry<String, String> n : names.entrySet()) {
            if (uids.add(n.getKey())) {
                resolver.add(n.getKey(), n.getValue(), types.get(n.getKey()), null,
                        aliases.getOrDefault(n.getKey(), List.of()));
            }
        }
        return resolver;
    }
}
