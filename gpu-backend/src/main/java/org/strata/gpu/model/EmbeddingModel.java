package org.strata.gpu.model;

import java.util.List;
import java.util.Map;

/**
 * A trained embedding model, on the host: one row per entity and one per relation direction
 * (relation {@code r} answers tail queries {@code (h, r, ?)}; row {@code R + r}, its reciprocal, answers
 * head queries {@code (?, r, t)} as tail queries of the inverse relation).
 *
 * @param kind      the model
 * @param dim       its dimension (complex numbers for ComplEx)
 * @param entities  entity ids, by row
 * @param relations relation names, by row (the reciprocals are not listed)
 * @param entity    entity rows, {@code entities.size() × width}
 * @param relation  relation rows, {@code 2 relations.size() × width}
 * @param info      how it was trained (dataset, settings, validation MRR), for reports
 */
public record EmbeddingModel(ModelKind kind, int dim, List<String> entities, List<String> relations, float[] entity,
                             float[] relation, Map<String, String> info) {

    public EmbeddingModel {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
        info = Map.copyOf(info);
        int w = kind.width(dim);
        if (dim < 1 || entity.length != (long) entities.size() * w || relation.length != 2L * relations.size() * w) {
            throw new IllegalArgumentException("model arrays do not match " + entities.size() + " entities, "
                    + relations.size() + " relations, width " + w);
        }
    }

    /** Reals in one row. */
    public int width() {
        return kind.width(dim);
    }

    /** Bytes of parameters. */
    public long parameterBytes() {
        return (long) (entity.length + relation.length) * Float.BYTES;
    }
}
