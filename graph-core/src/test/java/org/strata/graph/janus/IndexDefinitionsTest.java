package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.janusgraph.core.JanusGraphTransaction;
import org.janusgraph.core.JanusGraphVertex;
import org.janusgraph.graphdb.internal.InternalRelation;
import org.janusgraph.graphdb.internal.InternalRelationType;
import org.janusgraph.graphdb.types.CompositeIndexType;
import org.janusgraph.graphdb.types.IndexField;
import org.janusgraph.graphdb.types.IndexType;
import org.janusgraph.graphdb.types.indextype.IndexReferenceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * Before a commit's parallel index-update stream starts, the committing thread has filled the lazily built
 * index definitions that the stream reads (JanusGraph issue 4889: tasks filling them at once failed commits).
 */
class IndexDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void readIndexDefinitions_fillsTheFieldArraysOfTheIndexesAChangedPropertyLeadsTo() throws Exception {
        try (GraphStore s = Stores.open(StoreSpec.embedded(dir.resolve("store")))) {
            StrataJanusGraph graph = (StrataJanusGraph) s.graph();
            JanusGraphTransaction tx = graph.newTransaction();
            try {
                JanusGraphVertex v = tx.addVertex(Schema.ENTITY);
                InternalRelation uid = (InternalRelation) v.property(Schema.UID, "e1");
                List<IndexType> composite = new ArrayList<>();
                for (IndexReferenceType ref : ((InternalRelationType) uid.getType()).getKeyIndexesReferences()) {
                    if (ref.getIndexType() instanceof CompositeIndexType c) {
                        composite.add(c);
                    }
                }
                assertFalse(composite.isEmpty(), "the uid key has a composite index");
                for (IndexType index : composite) {
                    assertNull(fields(index), "a new transaction has not built " + index.getName() + "'s fields yet");
                }
                StrataJanusGraph.readIndexDefinitions(List.of(uid), List.of());
                for (IndexType index : composite) {
                    IndexField[] built = fields(index);
                    assertNotNull(built, index.getName());
                    assertTrue(built.length > 0, index.getName());
                    for (IndexField f : built) {
                        assertNotNull(f, index.getName() + " has every field in place");
                    }
                }
            } finally {
                tx.rollback();
            }
        }
    }

    /** The index wrapper's cached field array, read without building it. */
    private static IndexField[] fields(IndexType index) throws ReflectiveOperationException {
        for (Class<?> c = index.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals("fields") && f.getType() == IndexField[].class) {
                    f.setAccessible(true);
                    return (IndexField[]) f.get(index);
                }
            }
        }
        throw new AssertionError(index.getClass() + " keeps no field array named 'fields'");
    }
}
