package org.strata.gpu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.strata.gpu.engine.cpu.CpuEngine;

/** The CPU engine's matrix products, split over threads, against plain loops. */
class CpuEngineTest {

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void products_matchPlainLoops() {
        Random rnd = new Random(3);
        int n = 150;
        int k = 37;
        int m = 101;
        float[] a = random(n * k, rnd);
        float[] b = random(m * k, rnd);
        float[] c0 = random(n * m, rnd);
        try (Engine engine = new CpuEngine(2)) {
            Tensor ta = engine.allocate(n, k);
            Tensor tb = engine.allocate(m, k);
            Tensor tc = engine.allocate(n, m);
            engine.upload(a, ta);
            engine.upload(b, tb);
            engine.upload(c0, tc);
            int used = 120; // rows of a and c taken part
            engine.multiplyTransposed(ta, tb, used, 2f, 0.5f, tc);
            float[] c = engine.download(tc);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double want = c0[i * m + j];
                    if (i < used) {
                        double dot = 0;
                        for (int x = 0; x < k; x++) {
                            dot += a[i * k + x] * b[j * k + x];
                        }
                        want = 2 * dot + 0.5 * c0[i * m + j];
                    }
                    assertEquals(want, c[i * m + j], 1e-3, "a·bᵀ at " + i + "," + j);
                }
            }
            // c (n×m) · b (m×k) -> d (n×k)
            Tensor td = engine.allocate(n, k);
            engine.multiply(tc, tb, used, 1f, 0f, td);
            float[] dd = engine.download(td);
            for (int i = 0; i < used; i++) {
                for (int x = 0; x < k; x++) {
                    double want = 0;
                    for (int j = 0; j < m; j++) {
                        want += c[i * m + j] * b[j * k + x];
                    }
                    assertEquals(want, dd[i * k + x], 1e-2, "a·b at " + i + "," + x);
                }
            }
            // cᵀ (m×n) · a (n×k) over the first rows -> f (m×k)
            Tensor tf = engine.allocate(m, k);
            engine.multiplyTransposedLeft(tc, ta, used, 1f, 0f, tf);
            float[] f = engine.download(tf);
            for (int j = 0; j < m; j++) {
                for (int x = 0; x < k; x++) {
                    double want = 0;
                    for (int i = 0; i < used; i++) {
                        want += c[i * m + j] * a[i * k + x];
                    }
                    assertEquals(want, f[j * k + x], 1e-2, "aᵀ·b at " + j + "," + x);
                }
            }
            assertEquals((n * k + m * k + n * m + n * k + m * k) * 4L, engine.peakBytes());
        }
    }
}
