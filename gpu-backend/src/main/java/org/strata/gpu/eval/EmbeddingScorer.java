package org.strata.gpu.eval;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import org.strata.graph.projection.Direction;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.projection.Dictionary;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Kernels;
import org.strata.gpu.model.EmbeddingModel;

/**
 * An embedding model as a scorer for the shared evaluator: every entity gets the model's score, by one
 * matrix product per block of queries the evaluator announces ({@link Session#expect}), or one
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
        return new BatchSession();
    }

    /**
     * A session that scores the queries it is told to expect by one matrix product (a block of query
     * vectors times the entity table), which reads the table once for the block instead of once per
     * query; a query it was not told of gets one matrix-vector product.
     */
    final class BatchSession implements Session {
        private final int w = model.width();
        private final int n = model.entities().size();
        private final float[] q = new float[w];
        private final float[] rowScores = new float[n];
        private final float[] out = new float[entityRow.length];
        private float[] block = new float[0];
        private float[] blockScores = new float[0];
        private int[] expectedEntity = new int[0];
        private int[] expectedRelation = new int[0];
        private Direction[] expectedDirection = new Direction[0];
        private int[] blockRow = new int[0];
        private int expected;
        private int next;
        private long fromBlocks;

        /** How many queries this session answered from a block so far. */
        long answeredFromBlocks() {
            return fromBlocks;
        }

        @Override
        public void expect(int[] entities, int[] relations, Direction[] directions, int count) {
            if (expectedEntity.length < count) {
                expectedEntity = new int[count];
                expectedRelation = new int[count];
                expectedDirection = new Direction[count];
                blockRow = new int[count];
                block = new float[count * w];
                blockScores = new float[count * n];
            }
            int rows = 0;
            for (int i = 0; i < count; i++) {
                expectedEntity[i] = entities[i];
                expectedRelation[i] = relations[i];
                expectedDirection[i] = directions[i];
                int h = row(entities[i]);
                int r = relationRow(relations[i], directions[i]);
                if (h < 0 || r < 0) {
                    blockRow[i] = -1;
                    continue;
                }
                Kernels.combineRow(model.kind().form(), model.entity(), h * w, model.relation(), r * w, block,
                        rows * w, w);
                blockRow[i] = rows++;
            }
            expected = count;
            next = 0;
            if (rows == 0) {
                return;
            }
            // row-major scores (rows x n) = block (rows x w) · entityᵀ, as column-major n x rows
            boolean distance = model.kind().form() == QueryForm.SUM;
            BLAS_INSTANCE.sgemm("T", "N", n, rows, w, distance ? 2f : 1f, model.entity(), w, block, w, 0f,
                    blockScores, n);
            if (distance) {
                for (int k = 0; k < rows; k++) {
                    float qn = Kernels.squaredNorm(block, k * w, w);
                    int off = k * n;
                    for (int i = 0; i < n; i++) {
                        blockScores[off + i] -= qn + entityNorms[i];
                    }
                }
            }
        }

        @Override
        public Scores score(int entity, int relation, Direction direction) {
            int blockIndex = -1;
            if (next < expected && expectedEntity[next] == entity && expectedRelation[next] == relation
                    && expectedDirection[next] == direction) {
                blockIndex = blockRow[next++];
            }
            int h = row(entity);
            int r = relationRow(relation, direction);
            if (h < 0 || r < 0) {
                Arrays.fill(out, Float.NaN);
                return new Scores.Dense(out);
            }
            float[] scores = rowScores;
            int off = 0;
            if (blockIndex >= 0) {
                scores = blockScores;
                off = blockIndex * n;
                fromBlocks++;
            } else {
                scoreRows(h, r, q, rowScores);
            }
            for (int e = 0; e < out.length; e++) {
                int row = entityRow[e];
                out[e] = row < 0 ? Float.NaN : scores[off + row];
            }
            return new Scores.Dense(out);
        }
    }

    /** The model's relation row of a query, the reciprocal row for a head query; -1 when it has none. */
    private int relationRow(int relation, Direction direction) {
        int r = relation < relationRow.length ? relationRow[relation] : -1;
        if (r < 0) {
            return -1;
        }
        return direction == Direction.OUT ? r : r + model.relations().size();
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
