package org.strata.gpu;

import org.strata.gpu.GpuOptions.EngineKind;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.cpu.CpuEngine;
import org.strata.gpu.engine.cuda.CudaEngine;

/** Opens the engine a user asks for, or says clearly why it cannot run here. */
public final class Engines {

    private Engines() {
    }

    /**
     * An engine of the given kind; the CPU engine uses {@code threads} threads, the CUDA engine the first
     * GPU. Throws {@link EngineUnavailableException} when the CUDA libraries or a GPU are missing.
     */
    public static Engine open(EngineKind kind, int threads) {
        return switch (kind) {
            case CPU -> new CpuEngine(threads);
            case CUDA -> CudaEngine.open();
        };
    }
}
