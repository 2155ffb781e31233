package org.strata.gpu.train;

import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.Tensor;
import org.strata.gpu.model.ModelKind;

/**
 * One training step's loss and gradient, written out as two marches: the forward pass gathers the
 * query rows, combines them and scores every entity, keeping {@code h}, {@code r}, {@code q} and the
 * score matrix (the activations); the backward pass reads exactly those to produce the gradients of
 * the entity and relation tables. {@link #activationBytes()} is the memory between the two.
 *
 * <p>Loss: mean softmax cross-entropy of the batch's queries over all entities, plus
 * {@code reg / n ·} N3 of the rows the batch touches (Lacroix et al. 2018).
 */
public final class Backprop implements AutoCloseable {

    private final Engine engine;
    private final QueryForm form;
    private final int batch;
    private final Tensor h;
    private final Tensor r;
    private final Tensor q;
    private final Tensor scores;
    private final Tensor dq;
    private final Tensor dh;
    private final Tensor dr;

    /** Buffers for batches of up to {@code batch} queries over {@code entities} entities. */
    public Backprop(Engine engine, ModelKind kind, int dim, int entities, int batch) {
        this.engine = engine;
        this.form = kind.form();
        this.batch = batch;
        int w = kind.width(dim);
        h = engine.allocate(batch, w);
        r = engine.allocate(batch, w);
        q = engine.allocate(batch, w);
        scores = engine.allocate(batch, entities);
        dq = engine.allocate(batch, w);
        dh = engine.allocate(batch, w);
        dr = engine.allocate(batch, w);
    }

    /**
     * Bytes the forward pass keeps for the backward pass: h, r, q and the scores (then their gradient),
     * and the batch's three runs of indices.
     */
    public long activationBytes() {
        return h.bytes() + r.bytes() + q.bytes() + scores.bytes() + 3L * batch * Integer.BYTES;
    }

    /** The slots of the sums {@link #accumulate} adds to. */
    public static final int CROSS_ENTROPY = 0;
    public static final int N3 = 1;

    /**
     * Loss of a batch and its gradient, written into {@code dEntity} and {@code dRelation} (overwritten).
     *
     * @return {cross-entropy sum, N3 sum}: the loss is {@code ce / n + reg · n3 / n}
     */
    public double[] lossAndGradient(Tensor entity, Tensor relation, int[] subjects, int[] relations, int[] targets,
                                    int n, double reg, Tensor dEntity, Tensor dRelation) {
        Indices s = engine.indices(java.util.Arrays.copyOf(subjects, n));
        Indices r = engine.indices(java.util.Arrays.copyOf(relations, n));
        Indices t = engine.indices(java.util.Arrays.copyOf(targets, n));
        Sums sums = engine.sums(2);
        try {
            accumulate(entity, relation, s, r, t, 0, n, reg, dEntity, dRelation, sums);
            return engine.read(sums);
        } finally {
            engine.free(s);
            engine.free(r);
            engine.free(t);
            engine.free(sums);
        }
    }

    /**
     * The same for the queries {@code offset} to {@code offset + n} of index lists already on the engine,
     * without waiting for it: the batch's cross-entropy sum is added to {@code sums[CROSS_ENTROPY]} and
     * its N3 sum to {@code sums[N3]}.
     */
    public void accumulate(Tensor entity, Tensor relation, Indices subjects, Indices relations, Indices targets,
                           int offset, int n, double reg, Tensor dEntity, Tensor dRelation, Sums sums) {
        if (n < 1 || n > batch) {
            throw new IllegalArgumentException("a batch of " + n + " queries; the buffers hold 1 to " + batch);
        }
        // forward: gather, combine, score
        engine.gatherRows(entity, subjects, offset, n, h);
        engine.gatherRows(relation, relations, offset, n, r);
        engine.combine(form, h, r, n, q);
        boolean distance = form == QueryForm.SUM;
        engine.multiplyTransposed(q, entity, n, distance ? 2f : 1f, 0f, scores);
        if (distance) {
            engine.subtractSquaredNorms(q, entity, n, scores);
        }
        float scale = 1f / n;
        engine.softmaxCrossEntropy(scores, targets, offset, n, scale, sums, CROSS_ENTROPY);
        // backward: scores now hold dLoss/dScores
        engine.multiply(scores, entity, n, distance ? 2f : 1f, 0f, dq);
        engine.multiplyTransposedLeft(scores, q, n, distance ? 2f : 1f, 0f, dEntity);
        if (distance) {
            engine.subtractSquaredNormsBackward(q, entity, scores, n, dq, dEntity);
        }
        engine.combineBackward(form, h, r, dq, n, dh, dr);
        engine.scatterAddRows(dh, subjects, offset, n, dEntity);
        engine.zero(dRelation);
        engine.scatterAddRows(dr, relations, offset, n, dRelation);
        if (reg > 0) {
            float weight = (float) (reg / n);
            engine.n3(form, entity, subjects, offset, n, weight, dEntity, sums, N3);
            engine.n3(form, relation, relations, offset, n, weight, dRelation, sums, N3);
            engine.n3(form, entity, targets, offset, n, weight, dEntity, sums, N3);
        }
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {h, r, q, scores, dq, dh, dr}) {
            engine.free(t);
        }
    }
}
