package org.strata.gpu.engine;

/**
 * The kernels that training and scoring of embedding models need, on one kind of hardware. The
 * trainer is written against this interface only, so the CPU and the CUDA engine run the same
 * algorithm step for step. All matrices are row-major. Kernels read row indices from {@link Indices}
 * uploaded beforehand, and add the numbers they compute to {@link Sums}, so a training step makes no
 * round trip to the host; the {@code int[]} and {@code double}-returning forms upload and read back
 * for each call (tests and checks).
 *
 * <p>An engine is used by one thread at a time; it may use more threads inside a kernel.
 */
public interface Engine extends AutoCloseable {

    /** A short name for reports: "cpu", "cuda". */
    String name();

    /** What the engine runs on, in words (threads, device name). */
    String description();

    /** A zeroed rows × cols matrix. */
    Tensor allocate(int rows, int cols);

    /** Copies host values into a tensor of the same size. */
    void upload(float[] values, Tensor into);

    /** Copies a tensor's values to the host. */
    float[] download(Tensor t);

    /** Sets every element to zero. */
    void zero(Tensor t);

    /** Frees a tensor; it must not be used afterwards. */
    void free(Tensor t);

    /** The most bytes of tensors this engine held at once so far. */
    long peakBytes();

    /** Uploads a copy of {@code values}. */
    Indices indices(int[] values);

    /** Frees an index list; it must not be used afterwards. */
    void free(Indices indices);

    /** {@code slots} accumulators, zero. */
    Sums sums(int slots);

    /** The accumulators' values, once every kernel launched before has finished. */
    double[] read(Sums sums);

    /** Sets every accumulator to zero. */
    void clear(Sums sums);

    /** Frees accumulators; they must not be used afterwards. */
    void free(Sums sums);

    /** {@code dst[i] = src[index[offset + i]]} for rows {@code i < n}. */
    void gatherRows(Tensor src, Indices index, int offset, int n, Tensor dst);

    /** {@code dst[index[offset + i]] += rows[i]} for rows {@code i < n}; repeated indices accumulate. */
    void scatterAddRows(Tensor rows, Indices index, int offset, int n, Tensor dst);

    /** {@link #gatherRows(Tensor, Indices, int, int, Tensor)} with the first {@code n} of {@code index}. */
    default void gatherRows(Tensor src, int[] index, int n, Tensor dst) {
        once(index, n, (i, sums) -> gatherRows(src, i, 0, n, dst));
    }

    /** {@link #scatterAddRows(Tensor, Indices, int, int, Tensor)} with the first {@code n} of {@code index}. */
    default void scatterAddRows(Tensor rows, int[] index, int n, Tensor dst) {
        once(index, n, (i, sums) -> scatterAddRows(rows, i, 0, n, dst));
    }

    /**
     * Runs {@code step} on the first {@code n} of {@code index}, uploaded for it, and one sum; frees both
     * and returns the sum (the {@code int[]} forms of the kernels).
     */
    private double once(int[] index, int n, java.util.function.BiConsumer<Indices, Sums> step) {
        Indices i = indices(java.util.Arrays.copyOf(index, n));
        Sums s = sums(1);
        try {
            step.accept(i, s);
            return read(s)[0];
        } finally {
            free(i);
            free(s);
        }
    }

    /** The query vectors of the first {@code n} rows: {@code q[i] = form(h[i], r[i])}. */
    void combine(QueryForm form, Tensor h, Tensor r, int n, Tensor q);

    /** Back through {@link #combine}: {@code dh[i]}, {@code dr[i]} from {@code dq[i]} (overwritten). */
    void combineBackward(QueryForm form, Tensor h, Tensor r, Tensor dq, int n, Tensor dh, Tensor dr);

    /**
     * {@code c = alpha · a · bᵀ + beta · c} over the first {@code n} rows of {@code a} and {@code c}
     * ({@code a}: n × k, {@code b}: m × k, {@code c}: n × m).
     */
    void multiplyTransposed(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c);

    /** {@code c = alpha · a · b + beta · c} over the first {@code n} rows of {@code a} and {@code c}. */
    void multiply(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c);

    /** {@code c = alpha · aᵀ · b + beta · c} where {@code a} and {@code b} use their first {@code n} rows. */
    void multiplyTransposedLeft(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c);

    /**
     * The squared-distance correction of {@link QueryForm#SUM} scores: {@code s[i][j] -= |q[i]|² + |e[j]|²}.
     */
    void subtractSquaredNorms(Tensor q, Tensor e, int n, Tensor s);

    /**
     * Back through {@link #subtractSquaredNorms}: {@code dq[i] -= 2 q[i] Σⱼ ds[i][j]} and
     * {@code de[j] -= 2 e[j] Σᵢ ds[i][j]}.
     */
    void subtractSquaredNormsBackward(Tensor q, Tensor e, Tensor ds, int n, Tensor dq, Tensor de);

    /**
     * Softmax cross-entropy of the first {@code n} score rows against their targets
     * {@code targets[offset + i]}: adds the summed loss to {@code sums[slot]}, and replaces the scores
     * by the gradient of {@code scale} times that sum, {@code scale · (softmax(s[i]) − onehot(target[i]))}.
     */
    void softmaxCrossEntropy(Tensor scores, Indices targets, int offset, int n, float scale, Sums sums, int slot);

    /**
     * The N3 regulariser of the rows {@code index[offset + i]}, {@code i < n}, of {@code params}: adds
     * {@code Σ |x|³} over those rows (for complex rows the modulus of each complex coordinate) to
     * {@code sums[slot]}, and adds {@code weight ·} its gradient to the same rows of {@code grad}.
     */
    void n3(QueryForm form, Tensor params, Indices index, int offset, int n, float weight, Tensor grad, Sums sums,
            int slot);

    /** {@link #softmaxCrossEntropy(Tensor, Indices, int, int, float, Sums, int)}, returning the summed loss. */
    default double softmaxCrossEntropy(Tensor scores, int[] targets, int n, float scale) {
        return once(targets, n, (t, sums) -> softmaxCrossEntropy(scores, t, 0, n, scale, sums, 0));
    }

    /** {@link #n3(QueryForm, Tensor, Indices, int, int, float, Tensor, Sums, int)}, returning the sum. */
    default double n3(QueryForm form, Tensor params, int[] index, int n, float weight, Tensor grad) {
        return once(index, n, (i, sums) -> n3(form, params, i, 0, n, weight, grad, sums, 0));
    }

    /** Adagrad: {@code state += g²; p -= lr · g / (sqrt(state) + eps)}. */
    void adagrad(Tensor params, Tensor grad, Tensor state, float lr, float eps);

    /** Adam with bias correction at step {@code t} (1-based). */
    void adam(Tensor params, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps, int t);

    @Override
    void close();
}
