package org.strata.gpu.eval;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Dictionary;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.cpu.Kernels;
import org.strata.gpu.model.EmbeddingModel;

/**
 * An embedding model as a scorer for the shared evaluator: every entity gets the model's score, by one
 * matrix-vector product per query. Entities and relations are matched to the model's rows by id, so a
 * model scores any dataset or store that uses its ids; an entity the model has no row for ranks last,
 * and a query on a relation it has no row for scores nothing.
 */
public final class EmbeddingScorer implements LinkScorer {

    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private final EmbeddingModel model;
    private final int[] entityRow;
    private final int[] relationRow;
    private final float[] entityNorms;

    /** A scorer over the entity and relation ids of a dataset or store. */
    public EmbeddingScorer(EmbeddingModel model, Dictionary entities, Dictionary relations) {
        this.model = model;
        java.util.Map<String, Integer> rows = new java.util.HashMap<>();
        for (int i = 0; i < model.entities().size(); i++) {
            rows.put(model.entities().get(i), i);
        }
        entityRow = new int[entities.size()];
        for (int e = 0; e < entityRow.length; e++) {
            entityRow[e] = rows.getOrDefault(entities.name(e), -1);
        }
        relationRow = new int[relations.size()];
        for (int r = 0; r < relationRow.length; r++) {
            relationRow[r] = model.relations().indexOf(relations.name(r));
        }
        int w = model.width();
        int n = model.entities().size();
        entityNorms = new float[n];
        if (model.kind().form() == QueryForm.SUM) {
            for (int i = 0; i < n; i++) {
                entityNorms[i] = Kernels.squaredNorm(model.entity(), i * w, w);
            }
        }
    }

    @Override
    public String name() {
        return "embedding (" + model.kind().name().toLowerCase() + ", dim " + model.dim() + ")";
    }

    /** The model's row of a dataset entity, or -1. */
    public int row(int entity) {
        return entity < entityRow.length ? entityRow[entity] : -1;
    }

    @Override
    public Session newSession() {
        int w = model.width();
        int n = model.entities().size();
        float[] q = new float[w];
        float[] rowScores = new float[n];
        float[] out = new float[entityRow.length];
        return (entity, relation, direction) -> {
            int h = row(entity);
            int r = relation < relationRow.length ? relationRow[relation] : -1;
            if (h < 0 || r < 0) {
                Arrays.fill(out, Float.NaN);
                return new Scores.Dense(out);
            }
            scoreRows(h, direction == Direction.OUT ? r : r + model.relations().size(), q, rowScores);
            for (int e = 0; e < out.length; e++) {
                int row = entityRow[e];
                out[e] = row < 0 ? Float.NaN : rowScores[row];
            }
            return new Scores.Dense(out);
        };
    }

    /**
     * The model's score of every entity row as the answer of (entity row {@code h}, relation row {@code r},
     * ?), where {@code r} counts reciprocal rows from {@code relations().size()}.
     */
    public void scoreRows(int h, int r, float[] q, float[] scores) {
        int w = model.width();
        int n = model.entities().size();
        float[] e = model.entity();
        Kernels.combineRow(model.kind().form(), e, h * w, model.relation(), r * w, q, 0, w);
        if (model.kind().form() == QueryForm.SUM) {
            BLAS_INSTANCE.sgemv("T", w, n, 2f, e, w, q, 1, 0f, scores, 1);
            float qn = Kernels.squaredNorm(q, 0, w);
            for (int i = 0; i < n; i++) {
                scores[i] -= qn + entityNorms[i];
            }
        } else {
            BLAS_INSTANCE.sgemv("T", w, n, 1f, e, w, q, 1, 0f, scores, 1);
        }
    }
}
