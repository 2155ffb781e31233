package org.strata.gpu.engine;

import org.strata.gpu.engine.QueryForm;

/**
 * The per-row arithmetic of the CPU engine, also used to score single queries; {@code kernels.cu} holds
 * the same arithmetic for the CUDA engine.
 */
public final class Kernels {

    private Kernels() {
    }

    /** {@code q[qo..] = form(h[ho..], r[ro..])} for one row of {@code w} reals. */
    public static void combineRow(QueryForm form, float[] h, int ho, float[] r, int ro, float[] q, int qo, int w) {
        switch (form) {
            case PRODUCT -> {
                for (int c = 0; c < w; c++) {
                    q[qo + c] = h[ho + c] * r[ro + c];
                }
            }
            case SUM -> {
                for (int c = 0; c < w; c++) {
                    q[qo + c] = h[ho + c] + r[ro + c];
                }
            }
            case COMPLEX -> {
                int k = w / 2;
                for (int c = 0; c < k; c++) {
                    float hr = h[ho + c];
                    float hi = h[ho + k + c];
                    float rr = r[ro + c];
                    float ri = r[ro + k + c];
                    q[qo + c] = hr * rr - hi * ri;
                    q[qo + k + c] = hr * ri + hi * rr;
                }
            }
        }
    }

    public static void combineBackwardRow(QueryForm form, float[] h, float[] r, float[] g, float[] dh, float[] dr, int off,
                                   int w) {
        switch (form) {
            case PRODUCT -> {
                for (int c = 0; c < w; c++) {
                    dh[off + c] = g[off + c] * r[off + c];
                    dr[off + c] = g[off + c] * h[off + c];
                }
            }
            case SUM -> {
                for (int c = 0; c < w; c++) {
                    dh[off + c] = g[off + c];
                    dr[off + c] = g[off + c];
                }
            }
            case COMPLEX -> {
                int k = w / 2;
                for (int c = 0; c < k; c++) {
                    float hr = h[off + c];
                    float hi = h[off + k + c];
                    float rr = r[off + c];
                    float ri = r[off + k + c];
                    float gr = g[off + c];
                    float gi = g[off + k + c];
                    // q_re = hr rr - hi ri, q_im = hr ri + hi rr
                    dh[off + c] = gr * rr + gi * ri;
                    dh[off + k + c] = -gr * ri + gi * rr;
                    dr[off + c] = gr * hr + gi * hi;
                    dr[off + k + c] = -gr * hi + gi * hr;
                }
            }
        }
    }

    public static float squaredNorm(float[] x, int off, int w) {
        float s = 0;
        for (int c = 0; c < w; c++) {
            s += x[off + c] * x[off + c];
        }
        return s;
    }

    /** The loss of one row; the row becomes {@code scale · (softmax − onehot)}. */
    public static double softmaxCrossEntropyRow(float[] s, int off, int m, int target, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, s[off + j]);
        }
        float target0 = s[off + target];
        double sum = 0;
        for (int j = 0; j < m; j++) {
            float e = (float) Math.exp(s[off + j] - max);
            s[off + j] = e;
            sum += e;
        }
        double logSum = Math.log(sum);
        double loss = logSum - (target0 - max);
        float inv = (float) (scale / sum);
        for (int j = 0; j < m; j++) {
            s[off + j] *= inv;
        }
        s[off + target] -= scale;
        return loss;
    }

    /** N3 of the rows {@code index[offset + i]}, {@code i < n}: returns the sum, adds {@code weight ·} its gradient. */
    public static double n3(QueryForm form, float[] p, int[] index, int offset, int n, int w, float weight,
                            float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int off = index[offset + i] * w;
            if (form == QueryForm.COMPLEX) {
                int k = w / 2;
                for (int c = 0; c < k; c++) {
                    float re = p[off + c];
                    float im = p[off + k + c];
                    float mod = (float) Math.sqrt(re * re + im * im);
                    sum += (double) mod * mod * mod;
                    grad[off + c] += weight * 3 * mod * re;
                    grad[off + k + c] += weight * 3 * mod * im;
                }
            } else {
                for (int c = 0; c < w; c++) {
                    float x = p[off + c];
                    float a = Math.abs(x);
                    sum += (double) a * a * a;
                    grad[off + c] += weight * 3 * a * x;
                }
            }
        }
        return sum;
    }
}
