package org.strata.gpu.engine.cpu;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.strata.gpu.engine.Kernels;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Tensor;

/**
 * The CPU engine: matrix products through {@code dev.ludovic.netlib:blas} (its Vector API kernels on
 * JDK 16+, native BLAS when one is installed), split by rows over a fixed number of threads; the other
 * kernels as parallel loops. Each output element is computed by one thread in a fixed order, so the
 * same inputs and thread count give the same bits.
 */
public final class CpuEngine implements Engine {

    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private final int threads;
    private final ExecutorService pool;
    private long heldBytes;
    private long peakBytes;

    /** An engine that uses {@code threads} threads (at least 1) inside its kernels. */
    public CpuEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "strata-cpu-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** The BLAS implementation in use (its class name says whether it is native or Java). */
    public static String blasName() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "cpu, " + threads + (threads == 1 ? " thread" : " threads") + ", " + blasName();
    }

    /**
     * A host tensor. The array has one spare row: BLAS bounds checks assume that an operand seen with an
     * offset inside its leading dimension has full columns after it, which a split over those rows
     * violates by less than one row.
     */
    private static final class Host extends Tensor {
        final float[] data;

        Host(int rows, int cols) {
            super(rows, cols);
            long n = (long) rows * cols;
            if (n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a CPU tensor holds at most 2^31 elements, asked for " + rows
                        + " x " + cols);
            }
            data = new float[(int) n + cols];
        }
    }

    private static float[] d(Tensor t) {
        if (!(t instanceof Host h)) {
            throw new IllegalArgumentException("this tensor belongs to another engine");
        }
        return h.data;
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        Host t = new Host(rows, cols);
        heldBytes += t.bytes();
        peakBytes = Math.max(peakBytes, heldBytes);
        return t;
    }

    @Override
    public void upload(float[] values, Tensor into) {
        float[] data = d(into);
        if (values.length != into.size()) {
            throw new IllegalArgumentException("upload of " + values.length + " values into a tensor of " + into.size());
        }
        System.arraycopy(values, 0, data, 0, values.length);
    }

    @Override
    public float[] download(Tensor t) {
        return java.util.Arrays.copyOf(d(t), (int) t.size());
    }

    @Override
    public void zero(Tensor t) {
        float[] data = d(t);
        parallel((int) t.size(), (from, to) -> java.util.Arrays.fill(data, from, to, 0f));
    }

    @Override
    public void free(Tensor t) {
        heldBytes -= t.bytes();
    }

    @Override
    public long peakBytes() {
        return peakBytes;
    }

    /** Indices in the Java heap. */
    private static final class HostIndices extends Indices {
        final int[] values;

        HostIndices(int[] values) {
            super(values.length);
            this.values = values;
        }
    }

    /** Sums in the Java heap. */
    private static final class HostSums extends Sums {
        final double[] values;

        HostSums(int slots) {
            super(slots);
            this.values = new double[slots];
        }
    }

    private static int[] ix(Indices i, int offset, int n) {
        if (!(i instanceof HostIndices h)) {
            throw new IllegalArgumentException("this index list belongs to another engine");
        }
        i.checkRun(offset, n);
        return h.values;
    }

    private static double[] sx(Sums s, int slot) {
        if (!(s instanceof HostSums h)) {
            throw new IllegalArgumentException("these sums belong to another engine");
        }
        s.checkSlot(slot);
        return h.values;
    }

    @Override
    public Indices indices(int[] values) {
        HostIndices i = new HostIndices(values.clone());
        heldBytes += i.bytes();
        peakBytes = Math.max(peakBytes, heldBytes);
        return i;
    }

    @Override
    public void free(Indices indices) {
        heldBytes -= indices.bytes();
    }

    @Override
    public Sums sums(int slots) {
        return new HostSums(slots);
    }

    @Override
    public double[] read(Sums sums) {
        return sx(sums, 0).clone();
    }

    @Override
    public void clear(Sums sums) {
        java.util.Arrays.fill(sx(sums, 0), 0);
    }

    @Override
    public void free(Sums sums) {
        sx(sums, 0);
    }

    @Override
    public void gatherRows(Tensor src, Indices indices, int offset, int n, Tensor dst) {
        int[] index = ix(indices, offset, n);
        float[] s = d(src);
        float[] o = d(dst);
        int w = src.cols();
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(s, index[offset + i] * w, o, i * w, w);
            }
        });
    }

    @Override
    public void scatterAddRows(Tensor rows, Indices indices, int offset, int n, Tensor dst) {
        int[] index = ix(indices, offset, n);
        float[] s = d(rows);
        float[] o = d(dst);
        int w = rows.cols();
        for (int i = 0; i < n; i++) {
            int from = i * w;
            int into = index[offset + i] * w;
            for (int j = 0; j < w; j++) {
                o[into + j] += s[from + j];
            }
        }
    }

    @Override
    public void combine(QueryForm form, Tensor h, Tensor r, int n, Tensor q) {
        float[] hd = d(h);
        float[] rd = d(r);
        float[] qd = d(q);
        int w = h.cols();
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                Kernels.combineRow(form, hd, i * w, rd, i * w, qd, i * w, w);
            }
        });
    }

    @Override
    public void combineBackward(QueryForm form, Tensor h, Tensor r, Tensor dq, int n, Tensor dh, Tensor dr) {
        float[] hd = d(h);
        float[] rd = d(r);
        float[] g = d(dq);
        float[] dhd = d(dh);
        float[] drd = d(dr);
        int w = h.cols();
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                Kernels.combineBackwardRow(form, hd, rd, g, dhd, drd, i * w, w);
            }
        });
    }

    @Override
    public void multiplyTransposed(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.rows();
        check(b.cols() == k && c.cols() == m && n <= a.rows() && n <= c.rows(), "a·bᵀ", a, b, c);
        float[] ad = d(a);
        float[] bd = d(b);
        float[] cd = d(c);
        // row-major c(n×m) = a(n×k)·b(m×k)ᵀ is column-major cᵀ = b·aᵀ
        parallel(n, (from, to) -> BLAS_INSTANCE.sgemm("T", "N", m, to - from, k, alpha, bd, 0, k, ad, from * k, k,
                beta, cd, from * m, m));
    }

    @Override
    public void multiply(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.cols();
        check(b.rows() == k && c.cols() == m && n <= a.rows() && n <= c.rows(), "a·b", a, b, c);
        float[] ad = d(a);
        float[] bd = d(b);
        float[] cd = d(c);
        // row-major c(n×m) = a(n×k)·b(k×m) is column-major cᵀ = bᵀ·aᵀ
        parallel(n, (from, to) -> BLAS_INSTANCE.sgemm("N", "N", m, to - from, k, alpha, bd, 0, m, ad, from * k, k,
                beta, cd, from * m, m));
    }

    @Override
    public void multiplyTransposedLeft(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.cols();
        check(c.rows() == k && c.cols() == m && n <= a.rows() && n <= b.rows(), "aᵀ·b", a, b, c);
        float[] ad = d(a);
        float[] bd = d(b);
        float[] cd = d(c);
        // row-major c(k×m) = aᵀ(k×n)·b(n×m) is column-major cᵀ = bᵀ·a; split over the rows of c
        parallel(k, (from, to) -> BLAS_INSTANCE.sgemm("N", "T", m, to - from, n, alpha, bd, 0, m, ad, from, k,
                beta, cd, from * m, m));
    }

    private static void check(boolean ok, String what, Tensor a, Tensor b, Tensor c) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": sizes do not fit: a " + a.rows() + "x" + a.cols() + ", b "
                    + b.rows() + "x" + b.cols() + ", c " + c.rows() + "x" + c.cols());
        }
    }

    @Override
    public void subtractSquaredNorms(Tensor q, Tensor e, int n, Tensor s) {
        float[] qd = d(q);
        float[] ed = d(e);
        float[] sd = d(s);
        int w = q.cols();
        int m = e.rows();
        float[] en = new float[m];
        parallel(m, (from, to) -> {
            for (int j = from; j < to; j++) {
                en[j] = Kernels.squaredNorm(ed, j * w, w);
            }
        });
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                float qn = Kernels.squaredNorm(qd, i * w, w);
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    sd[row + j] -= qn + en[j];
                }
            }
        });
    }

    @Override
    public void subtractSquaredNormsBackward(Tensor q, Tensor e, Tensor ds, int n, Tensor dq, Tensor de) {
        float[] qd = d(q);
        float[] ed = d(e);
        float[] g = d(ds);
        float[] dqd = d(dq);
        float[] ded = d(de);
        int w = q.cols();
        int m = e.rows();
        parallel(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += g[i * m + j];
                }
                float f = (float) (2 * sum);
                for (int c = 0; c < w; c++) {
                    dqd[i * w + c] -= f * qd[i * w + c];
                }
            }
        });
        parallel(m, (from, to) -> {
            for (int j = from; j < to; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += g[i * m + j];
                }
                float f = (float) (2 * sum);
                for (int c = 0; c < w; c++) {
                    ded[j * w + c] -= f * ed[j * w + c];
                }
            }
        });
    }

    @Override
    public void softmaxCrossEntropy(Tensor scores, Indices targetList, int offset, int n, float scale, Sums sums,
                                    int slot) {
        int[] targets = ix(targetList, offset, n);
        double[] into = sx(sums, slot);
        float[] s = d(scores);
        int m = scores.cols();
        double[] partial = new double[threads];
        parallelIndexed(n, (part, from, to) -> {
            double loss = 0;
            for (int i = from; i < to; i++) {
                loss += Kernels.softmaxCrossEntropyRow(s, i * m, m, targets[offset + i], scale);
            }
            partial[part] = loss;
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        into[slot] += sum;
    }

    @Override
    public void n3(QueryForm form, Tensor params, Indices index, int offset, int n, float weight, Tensor grad,
                   Sums sums, int slot) {
        int[] rows = ix(index, offset, n);
        double[] into = sx(sums, slot);
        into[slot] += Kernels.n3(form, d(params), rows, offset, n, params.cols(), weight, d(grad));
    }

    @Override
    public void adagrad(Tensor params, Tensor grad, Tensor state, float lr, float eps) {
        float[] p = d(params);
        float[] g = d(grad);
        float[] s = d(state);
        parallel((int) params.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                s[i] += gi * gi;
                p[i] -= lr * gi / ((float) Math.sqrt(s[i]) + eps);
            }
        });
    }

    @Override
    public void adam(Tensor params, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                     int t) {
        float[] p = d(params);
        float[] g = d(grad);
        float[] md = d(m);
        float[] vd = d(v);
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        parallel((int) params.size(), (from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                md[i] = beta1 * md[i] + (1 - beta1) * gi;
                vd[i] = beta2 * vd[i] + (1 - beta2) * gi * gi;
                p[i] -= lr * (md[i] / c1) / ((float) Math.sqrt(vd[i] / c2) + eps);
            }
        });
    }

    /** A contiguous range of work. */
    private interface Range {
        void run(int from, int to);
    }

    /** A contiguous range of work with its part number. */
    private interface IndexedRange {
        void run(int part, int from, int to);
    }

    private void parallel(int n, Range body) {
        parallelIndexed(n, (part, from, to) -> body.run(from, to));
    }

    /** Splits [0, n) into one contiguous part per thread; the calling thread runs the first part. */
    private void parallelIndexed(int n, IndexedRange body) {
        int parts = n < 64 || pool == null ? 1 : threads;
        if (parts == 1) {
            body.run(0, 0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures.add(pool.submit(() -> body.run(part, (int) ((long) n * part / parts),
                    (int) ((long) n * (part + 1) / parts))));
        }
        body.run(0, 0, n / parts);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in a CPU kernel", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
