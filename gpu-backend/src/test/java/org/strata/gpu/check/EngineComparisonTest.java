package org.strata.gpu.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.gpu.check.EngineComparison.Difference;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.Tensor;
import org.strata.gpu.engine.cpu.CpuEngine;

/**
 * The comparison that checks the CUDA engine on a GPU, exercised here on two CPU engines: one thread
 * against two agree, and a deliberately wrong engine is caught.
 */
class EngineComparisonTest {

    @Test
    void oneThreadAndTwoThreads_agree() {
        try (CpuEngine one = new CpuEngine(1); CpuEngine two = new CpuEngine(2)) {
            List<Difference> diffs = EngineComparison.compare(one, two, 3);
            assertTrue(diffs.size() > 40, "compared " + diffs.size() + " outputs");
            for (Difference d : diffs) {
                assertTrue(d.agrees(), d.toString());
            }
            assertTrue(diffs.stream().anyMatch(d -> d.what().startsWith("complex: entity gradient")));
        }
    }

    @Test
    void aWrongKernel_isCaught() {
        try (CpuEngine one = new CpuEngine(1); Engine wrong = new SlightlyWrongAdagrad(new CpuEngine(1))) {
            List<Difference> diffs = EngineComparison.compare(one, wrong, 3);
            List<Difference> bad = diffs.stream().filter(d -> !d.agrees()).toList();
            assertFalse(bad.isEmpty());
            assertEquals(List.of("adagrad: tensor 0"), bad.stream().map(Difference::what).toList());
        }
    }

    @Test
    void aMatrixProductMissingOneOfItsTerms_isCaught() {
        try (CpuEngine one = new CpuEngine(1); Engine wrong = new ProductMissingOneTerm(new CpuEngine(1))) {
            List<Difference> diffs = EngineComparison.compare(one, wrong, 3);
            List<String> bad = diffs.stream().filter(d -> !d.agrees()).map(Difference::what).toList();
            // the kernel check names it; models whose backward pass multiplies are off too
            assertEquals(List.of("multiply: tensor 2"), bad.stream().filter(w -> !w.endsWith("gradient")).toList());
        }
    }

    /** A CPU engine whose Adagrad step is 1 % too long. */
    private static final class SlightlyWrongAdagrad extends Delegating {
        SlightlyWrongAdagrad(CpuEngine e) {
            super(e);
        }

        @Override
        public void adagrad(Tensor params, Tensor grad, Tensor state, float lr, float eps) {
            e.adagrad(params, grad, state, lr * 1.01f, eps);
        }
    }

    /** A CPU engine whose {@code a · b} leaves out the first term of every sum (b's first row). */
    private static final class ProductMissingOneTerm extends Delegating {
        ProductMissingOneTerm(CpuEngine e) {
            super(e);
        }

        @Override
        public void multiply(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
            float[] rows = e.download(b);
            java.util.Arrays.fill(rows, 0, b.cols(), 0f);
            Tensor without = e.allocate(b.rows(), b.cols());
            e.upload(rows, without);
            e.multiply(a, without, n, alpha, beta, c);
            e.free(without);
        }
    }

    /** A CPU engine passed through, for the wrong engines above to change one kernel of. */
    private static class Delegating implements Engine {
        final CpuEngine e;

        Delegating(CpuEngine e) {
            this.e = e;
        }

        public void adagrad(Tensor params, Tensor grad, Tensor state, float lr, float eps) {
            e.adagrad(params, grad, state, lr, eps);
        }

        public String name() {
            return e.name();
        }

        public String description() {
            return e.description();
        }

        public Tensor allocate(int rows, int cols) {
            return e.allocate(rows, cols);
        }

        public void upload(float[] values, Tensor into) {
            e.upload(values, into);
        }

        public float[] download(Tensor t) {
            return e.download(t);
        }

        public void zero(Tensor t) {
            e.zero(t);
        }

        public void free(Tensor t) {
            e.free(t);
        }

        public long peakBytes() {
            return e.peakBytes();
        }

        public Indices indices(int[] values) {
            return e.indices(values);
        }

        public void free(Indices indices) {
            e.free(indices);
        }

        public Sums sums(int slots) {
            return e.sums(slots);
        }

        public double[] read(Sums sums) {
            return e.read(sums);
        }

        public void clear(Sums sums) {
            e.clear(sums);
        }

        public void free(Sums sums) {
            e.free(sums);
        }

        public void gatherRows(Tensor src, Indices index, int offset, int n, Tensor dst) {
            e.gatherRows(src, index, offset, n, dst);
        }

        public void scatterAddRows(Tensor rows, Indices index, int offset, int n, Tensor dst) {
            e.scatterAddRows(rows, index, offset, n, dst);
        }

        public void combine(QueryForm form, Tensor h, Tensor r, int n, Tensor q) {
            e.combine(form, h, r, n, q);
        }

        public void combineBackward(QueryForm form, Tensor h, Tensor r, Tensor dq, int n, Tensor dh, Tensor dr) {
            e.combineBackward(form, h, r, dq, n, dh, dr);
        }

        public void multiplyTransposed(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
            e.multiplyTransposed(a, b, n, alpha, beta, c);
        }

        public void multiply(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
            e.multiply(a, b, n, alpha, beta, c);
        }

        public void multiplyTransposedLeft(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
            e.multiplyTransposedLeft(a, b, n, alpha, beta, c);
        }

        public void subtractSquaredNorms(Tensor q, Tensor en, int n, Tensor s) {
            e.subtractSquaredNorms(q, en, n, s);
        }

        public void subtractSquaredNormsBackward(Tensor q, Tensor en, Tensor ds, int n, Tensor dq, Tensor de) {
            e.subtractSquaredNormsBackward(q, en, ds, n, dq, de);
        }

        public void softmaxCrossEntropy(Tensor scores, Indices targets, int offset, int n, float scale, Sums sums,
                                        int slot) {
            e.softmaxCrossEntropy(scores, targets, offset, n, scale, sums, slot);
        }

        public void n3(QueryForm form, Tensor params, Indices index, int offset, int n, float weight, Tensor grad,
                       Sums sums, int slot) {
            e.n3(form, params, index, offset, n, weight, grad, sums, slot);
        }

        public void adam(Tensor params, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                         int t) {
            e.adam(params, grad, m, v, lr, beta1, beta2, eps, t);
        }

        public void close() {
            e.close();
        }
    }
}
