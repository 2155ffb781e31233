package org.strata.gpu.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.Tensor;
import org.strata.gpu.model.ModelKind;
import org.strata.gpu.train.Backprop;

/**
 * Runs every kernel of the {@link Engine} interface, and the loss and gradients of every model, on two
 * engines from the same random inputs and reports how far the candidate's results are from the
 * reference's. This is how the CUDA engine is checked against the CPU engine on a GPU machine (the
 * tests and {@code strata bench engines} both use it).
 */
public final class EngineComparison {

    /**
     * Largest error allowed for a single kernel, relative to {@code 1 + |reference|}; for a matrix product,
     * relative to {@code 1 + max(|reference|, √Σₖ(aᵢₖbₖⱼ)²)}, the size of the terms it sums (a sum of 70,000
     * products can come out near zero, where float rounding alone differs by 10⁻³ between summation orders).
     */
    public static final double KERNEL_TOLERANCE = 1e-4;
    /** Largest error allowed for a model's loss and gradients (longer chains of float arithmetic). */
    public static final double MODEL_TOLERANCE = 1e-3;

    /**
     * How far one result is from the reference.
     *
     * @param what      the kernel or model and the compared output
     * @param maxError  the largest {@code |candidate − reference| / (1 + scale)} over its elements, where
     *                  the scale is {@code |reference|} (for a matrix product's output, at least the root
     *                  of the sum of its squared terms)
     * @param elements  how many values were compared
     * @param tolerance the largest error allowed
     */
    public record Difference(String what, double maxError, long elements, double tolerance) {
        /** Whether the candidate agrees within the tolerance. */
        public boolean agrees() {
            return maxError <= tolerance;
        }
    }

    private final Engine reference;
    private final Engine candidate;
    private final Random random;
    private final List<Difference> out = new ArrayList<>();
    private String tag = "";

    private EngineComparison(Engine reference, Engine candidate, long seed) {
        this.reference = reference;
        this.candidate = candidate;
        this.random = new Random(seed);
    }

    /** How big the compared inputs are. */
    public enum Size {
        /** A few dozen rows: every code path, in milliseconds (the tests). */
        SMALL,
        /**
         * Training-sized: score rows of 70,000 entities (more elements than one grid of blocks covers, so
         * the grid-stride loops go round), rows of 600 reals, batches of 512 over 20,000 entities.
         */
        LARGE
    }

    /** Compares {@code candidate} with {@code reference} on small inputs; one entry per kernel and model output. */
    public static List<Difference> compare(Engine reference, Engine candidate, long seed) {
        return compare(reference, candidate, seed, Size.SMALL);
    }

    /** Compares {@code candidate} with {@code reference}; one entry per kernel output and model output. */
    public static List<Difference> compare(Engine reference, Engine candidate, long seed, Size size) {
        EngineComparison c = new EngineComparison(reference, candidate, seed);
        boolean large = size == Size.LARGE;
        c.tag = large ? " (large)" : "";
        if (large) {
            c.kernels(600, 70_000, 600);
        } else {
            c.kernels(37, 53, 24);
        }
        for (ModelKind kind : ModelKind.values()) {
            if (large) {
                c.model(kind, 20_000, 40, 200, 512);
            } else {
                c.model(kind, 300, 7, 32, 64);
            }
        }
        return List.copyOf(c.out);
    }

    private float[] random(int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * scale;
        }
        return x;
    }

    private static Tensor put(Engine e, float[] v, int rows, int cols) {
        Tensor t = e.allocate(rows, cols);
        e.upload(v, t);
        return t;
    }

    private static double error(double want, double got) {
        if (Double.isNaN(want) != Double.isNaN(got)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(got - want) / (1 + Math.abs(want));
    }

    private void record(String what, float[] want, float[] got, double tolerance) {
        record(what, want, got, null, tolerance);
    }

    /** As above; {@code scale}, when given, is each element's magnitude beside {@code |reference|}. */
    private void record(String what, float[] want, float[] got, float[] scale, double tolerance) {
        double max = want.length == got.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(want.length, got.length); i++) {
            double e = error(want[i], got[i]);
            if (scale != null) {
                e = e * (1 + Math.abs(want[i])) / (1 + Math.max(Math.abs(want[i]), scale[i]));
            }
            max = Math.max(max, e);
        }
        out.add(new Difference(what, max, want.length, tolerance));
    }

    /** A kernel run on one engine over tensors made from the same inputs; returns what the kernel returns. */
    private interface Step {
        double run(Engine e, Tensor[] t);
    }

    /** A matrix product {@code c = alpha · op(a) · op(b) + beta · c} on tensors {@code a, b, c}. */
    private interface Product {
        void run(Engine e, Tensor[] t, float alpha, float beta);
    }

    /**
     * Compares a matrix product like {@link #agree}, its output measured against the size of the terms it
     * sums: the reference engine runs the same product on the squared inputs with {@code alpha²} and
     * {@code beta²}, which gives {@code Σₖ(alpha·aᵢₖbₖⱼ)² + (beta·cᵢⱼ)²} for every output element.
     */
    private void agreeProduct(String kernel, float[][] inputs, int[][] shapes, float alpha, float beta,
            Product product) {
        String what = kernel + tag;
        float[][][] outs = new float[2][][];
        Engine[] engines = {reference, candidate};
        for (int k = 0; k < 2; k++) {
            outs[k] = runProduct(engines[k], inputs, shapes, alpha, beta, product);
        }
        float[][] squared = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            squared[i] = new float[inputs[i].length];
            for (int j = 0; j < squared[i].length; j++) {
                squared[i][j] = inputs[i][j] * inputs[i][j];
            }
        }
        float[] scale = runProduct(reference, squared, shapes, alpha * alpha, beta * beta, product)[2];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = (float) Math.sqrt(scale[j]);
        }
        for (int i = 0; i < inputs.length; i++) {
            record(what + ": tensor " + i, outs[0][i], outs[1][i], i == 2 ? scale : null, KERNEL_TOLERANCE);
        }
    }

    private static float[][] runProduct(Engine e, float[][] inputs, int[][] shapes, float alpha, float beta,
            Product product) {
        return runOn(e, inputs, shapes, (en, t) -> {
            product.run(en, t, alpha, beta);
            return 0;
        }, new double[1], 0);
    }

    /**
     * Uploads the inputs to {@code e}, runs the step on them, and returns every tensor as it is after the
     * step; what the step returns goes to {@code value[slot]}.
     */
    private static float[][] runOn(Engine e, float[][] inputs, int[][] shapes, Step step, double[] value, int slot) {
        Tensor[] t = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            t[i] = put(e, inputs[i], shapes[i][0], shapes[i][1]);
        }
        value[slot] = step.run(e, t);
        float[][] out = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = e.download(t[i]);
            e.free(t[i]);
        }
        return out;
    }

    private void agree(String kernel, float[][] inputs, int[][] shapes, boolean returnsValue, Step step) {
        String what = kernel + tag;
        double[] results = new double[2];
        float[][][] outs = new float[2][][];
        Engine[] engines = {reference, candidate};
        for (int k = 0; k < 2; k++) {
            outs[k] = runOn(engines[k], inputs, shapes, step, results, k);
        }
        if (returnsValue) {
            out.add(new Difference(what + ": returned value", error(results[0], results[1]), 1, KERNEL_TOLERANCE));
        }
        for (int i = 0; i < inputs.length; i++) {
            record(what + ": tensor " + i, outs[0][i], outs[1][i], KERNEL_TOLERANCE);
        }
    }

    private void kernels(int n, int m, int w) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = random.nextInt(m); // repeats on purpose
        }
        float[] a = random(n * w, 1);
        float[] b = random(m * w, 1);
        float[] c = random(n * m, 1);
        agree("gatherRows", new float[][] {b, a}, new int[][] {{m, w}, {n, w}}, false, (e, t) -> {
            e.gatherRows(t[0], index, n, t[1]);
            return 0;
        });
        agree("scatterAddRows", new float[][] {a, b}, new int[][] {{n, w}, {m, w}}, false, (e, t) -> {
            e.scatterAddRows(t[0], index, n, t[1]);
            return 0;
        });
        for (QueryForm form : QueryForm.values()) {
            agree("combine " + form, new float[][] {a, random(n * w, 1), random(n * w, 1)}, new int[][] {{n, w}, {n, w},
                {n, w}}, false, (e, t) -> {
                    e.combine(form, t[0], t[1], n - 3, t[2]);
                    return 0;
                });
            agree("combineBackward " + form, new float[][] {a, random(n * w, 1), random(n * w, 1), random(n * w, 1),
                random(n * w, 1)}, new int[][] {{n, w}, {n, w}, {n, w}, {n, w}, {n, w}}, false, (e, t) -> {
                    e.combineBackward(form, t[0], t[1], t[2], n, t[3], t[4]);
                    return 0;
                });
            agree("n3 " + form, new float[][] {b, random(m * w, 1)}, new int[][] {{m, w}, {m, w}}, true,
                    (e, t) -> e.n3(form, t[0], index, n, 0.3f, t[1]));
        }
        agreeProduct("multiplyTransposed", new float[][] {a, b, c}, new int[][] {{n, w}, {m, w}, {n, m}}, 1.5f, 0.5f,
                (e, t, alpha, beta) -> e.multiplyTransposed(t[0], t[1], n - 5, alpha, beta, t[2]));
        agreeProduct("multiply", new float[][] {c, b, a}, new int[][] {{n, m}, {m, w}, {n, w}}, 1f, 0f,
                (e, t, alpha, beta) -> e.multiply(t[0], t[1], n - 5, alpha, beta, t[2]));
        agreeProduct("multiplyTransposedLeft", new float[][] {a, random(n * w, 1), random(w * w, 1)},
                new int[][] {{n, w}, {n, w}, {w, w}}, 1f, 1f,
                (e, t, alpha, beta) -> e.multiplyTransposedLeft(t[0], t[1], n - 5, alpha, beta, t[2]));
        agree("subtractSquaredNorms", new float[][] {a, b, c}, new int[][] {{n, w}, {m, w}, {n, m}}, false, (e, t) -> {
            e.subtractSquaredNorms(t[0], t[1], n, t[2]);
            return 0;
        });
        agree("subtractSquaredNormsBackward", new float[][] {a, b, c, random(n * w, 1), random(m * w, 1)},
                new int[][] {{n, w}, {m, w}, {n, m}, {n, w}, {m, w}}, false, (e, t) -> {
                    e.subtractSquaredNormsBackward(t[0], t[1], t[2], n, t[3], t[4]);
                    return 0;
                });
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = random.nextInt(m);
        }
        agree("softmaxCrossEntropy", new float[][] {random(n * m, 3)}, new int[][] {{n, m}}, true,
                (e, t) -> e.softmaxCrossEntropy(t[0], targets, n, 0.25f));
        // runs of a longer uploaded list, and sums that add up over calls: how training calls the kernels
        int skip = 7;
        int[] longer = new int[skip + n];
        int[] longerTargets = new int[skip + n];
        for (int i = 0; i < longer.length; i++) {
            longer[i] = random.nextInt(m);
            longerTargets[i] = random.nextInt(m);
        }
        agree("gatherRows, a run at offset 7", new float[][] {b, a}, new int[][] {{m, w}, {n, w}}, false, (e, t) -> {
            Indices i = e.indices(longer);
            e.gatherRows(t[0], i, skip, n, t[1]);
            e.free(i);
            return 0;
        });
        agree("scatterAddRows, a run at offset 7", new float[][] {a, b}, new int[][] {{n, w}, {m, w}}, false,
                (e, t) -> {
                    Indices i = e.indices(longer);
                    e.scatterAddRows(t[0], i, skip, n, t[1]);
                    e.free(i);
                    return 0;
                });
        agree("softmaxCrossEntropy and n3, runs at offset 7 into one sum", new float[][] {random(n * m, 3), b,
            random(m * w, 1)}, new int[][] {{n, m}, {m, w}, {m, w}}, true, (e, t) -> {
                Indices i = e.indices(longer);
                Indices ti = e.indices(longerTargets);
                Sums sums = e.sums(3);
                e.softmaxCrossEntropy(t[0], ti, skip, n, 0.5f, sums, 1);
                e.n3(QueryForm.COMPLEX, t[1], i, skip, n, 0.2f, t[2], sums, 1);
                e.n3(QueryForm.PRODUCT, t[1], i, skip, n, 0.2f, t[2], sums, 1);
                double[] v = e.read(sums);
                e.free(i);
                e.free(ti);
                e.free(sums);
                if (v[0] != 0 || v[2] != 0) {
                    throw new IllegalStateException("sums added to a slot they were not given: " + java.util.Arrays
                            .toString(v));
                }
                return v[1];
            });
        float[] state = new float[n * w];
        for (int i = 0; i < state.length; i++) {
            state[i] = random.nextFloat();
        }
        agree("adagrad", new float[][] {a, random(n * w, 1), state}, new int[][] {{n, w}, {n, w}, {n, w}}, false,
                (e, t) -> {
                    e.adagrad(t[0], t[1], t[2], 0.1f, 1e-10f);
                    return 0;
                });
        agree("adam", new float[][] {a, random(n * w, 1), random(n * w, 0.1f), state},
                new int[][] {{n, w}, {n, w}, {n, w}, {n, w}}, false, (e, t) -> {
                    e.adam(t[0], t[1], t[2], t[3], 0.01f, 0.9f, 0.999f, 1e-8f, 3);
                    return 0;
                });
    }

    private void model(ModelKind kind, int entities, int relations, int dim, int batch) {
        int w = kind.width(dim);
        float[] e = random(entities * w, 0.3f);
        float[] rel = random(2 * relations * w, 0.3f);
        int[] subjects = new int[batch];
        int[] rels = new int[batch];
        int[] targets = new int[batch];
        for (int i = 0; i < batch; i++) {
            subjects[i] = random.nextInt(entities);
            rels[i] = random.nextInt(2 * relations);
            targets[i] = random.nextInt(entities);
        }
        double[][] loss = new double[2][];
        float[][] ge = new float[2][];
        float[][] gr = new float[2][];
        Engine[] engines = {reference, candidate};
        for (int k = 0; k < 2; k++) {
            Engine en = engines[k];
            Tensor te = put(en, e, entities, w);
            Tensor tr = put(en, rel, 2 * relations, w);
            Tensor de = en.allocate(entities, w);
            Tensor dr = en.allocate(2 * relations, w);
            try (Backprop b = new Backprop(en, kind, dim, entities, batch)) {
                loss[k] = b.lossAndGradient(te, tr, subjects, rels, targets, batch, 0.05, de, dr);
            }
            ge[k] = en.download(de);
            gr[k] = en.download(dr);
            for (Tensor t : new Tensor[] {te, tr, de, dr}) {
                en.free(t);
            }
        }
        String name = kind.name().toLowerCase(java.util.Locale.ROOT) + tag;
        out.add(new Difference(name + ": cross-entropy", error(loss[0][0], loss[1][0]), 1, MODEL_TOLERANCE));
        out.add(new Difference(name + ": N3", error(loss[0][1], loss[1][1]), 1, MODEL_TOLERANCE));
        record(name + ": entity gradient", ge[0], ge[1], MODEL_TOLERANCE);
        record(name + ": relation gradient", gr[0], gr[1], MODEL_TOLERANCE);
    }
}
