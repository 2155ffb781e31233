package org.strata.gpu.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.strata.gpu.check.EngineComparison;
import org.strata.gpu.check.EngineComparison.Difference;
import org.strata.gpu.engine.EngineUnavailableException;
import org.strata.gpu.engine.cpu.CpuEngine;

/**
 * The CUDA engine against the CPU engine: every kernel, and the loss and gradients of every model, agree
 * within float tolerance. Needs an NVIDIA GPU with its driver, NVRTC and cuBLAS; elsewhere the test is
 * skipped with the reason the engine gave.
 */
class CudaEngineAgreementTest {

    @Test
    void everyKernelAndModel_agreesWithTheCpuEngine() {
        CudaEngine cuda = null;
        String unavailable = null;
        try {
            cuda = CudaEngine.open();
        } catch (EngineUnavailableException e) {
            unavailable = e.getMessage();
        }
        String reason = unavailable;
        Assumptions.assumeTrue(cuda != null, () -> "skipped, no CUDA engine here: " + reason);
        try (CpuEngine cpu = new CpuEngine(2); CudaEngine gpu = cuda) {
            List<Difference> diffs = EngineComparison.compare(cpu, gpu, 11);
            for (Difference d : diffs) {
                assertTrue(d.agrees(), d.toString());
            }
        }
    }
}
