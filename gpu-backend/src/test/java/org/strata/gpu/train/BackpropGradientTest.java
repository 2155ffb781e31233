package org.strata.gpu.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Tensor;
import org.strata.gpu.engine.cpu.CpuEngine;
import org.strata.gpu.model.ModelKind;

/** Every analytic gradient of every model and of the loss (cross-entropy and N3) against central differences. */
class BackpropGradientTest {

    private static final int ENTITIES = 7;
    private static final int RELATIONS = 3;
    private static final int DIM = 3;
    private static final int[] SUBJECTS = {0, 3, 3, 6, 1};
    private static final int[] RELS = {0, 4, 2, 5, 0};
    private static final int[] TARGETS = {2, 3, 5, 0, 2};
    private static final double REG = 0.3;

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void analyticGradient_matchesFiniteDifferences(ModelKind kind) {
        int w = kind.width(DIM);
        Random random = new Random(7);
        float[] e = new float[ENTITIES * w];
        float[] r = new float[2 * RELATIONS * w];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) random.nextGaussian() * 0.6f;
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian() * 0.6f;
        }
        try (Engine engine = new CpuEngine(2)) {
            Tensor te = engine.allocate(ENTITIES, w);
            Tensor tr = engine.allocate(2 * RELATIONS, w);
            Tensor de = engine.allocate(ENTITIES, w);
            Tensor dr = engine.allocate(2 * RELATIONS, w);
            try (Backprop b = new Backprop(engine, kind, DIM, ENTITIES, SUBJECTS.length)) {
                engine.upload(e, te);
                engine.upload(r, tr);
                b.lossAndGradient(te, tr, SUBJECTS, RELS, TARGETS, SUBJECTS.length, REG, de, dr);
                float[] ge = engine.download(de);
                float[] gr = engine.download(dr);
                int checked = 0;
                for (int table = 0; table < 2; table++) {
                    float[] params = table == 0 ? e : r;
                    float[] grad = table == 0 ? ge : gr;
                    for (int i = 0; i < params.length; i++) {
                        float keep = params[i];
                        float eps = 1e-2f;
                        params[i] = keep + eps;
                        double up = loss(engine, b, e, r, te, tr, de, dr);
                        params[i] = keep - eps;
                        double down = loss(engine, b, e, r, te, tr, de, dr);
                        params[i] = keep;
                        double numeric = (up - down) / (2 * eps);
                        assertEquals(numeric, grad[i], 2e-3 + 2e-2 * Math.abs(numeric),
                                kind + " " + (table == 0 ? "entity" : "relation") + " parameter " + i);
                        checked++;
                    }
                }
                assertTrue(checked == ENTITIES * w + 2 * RELATIONS * w);
                // the gradient is not trivially zero: the queries' rows move
                double norm = 0;
                for (float g : ge) {
                    norm += g * g;
                }
                assertTrue(norm > 1e-6, "entity gradient is zero");
            }
        }
    }

    private static double loss(Engine engine, Backprop b, float[] e, float[] r, Tensor te, Tensor tr, Tensor de,
                               Tensor dr) {
        engine.upload(e, te);
        engine.upload(r, tr);
        double[] l = b.lossAndGradient(te, tr, SUBJECTS, RELS, TARGETS, SUBJECTS.length, REG, de, dr);
        return l[0] / SUBJECTS.length + REG * l[1] / SUBJECTS.length;
    }
}
