package org.strata.gpu.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's own NVRTC binding compiles the kernels (NVRTC needs no GPU, only the library: set
 * STRATA_CUDA_LIBS to its folder, e.g. the {@code nvidia/cu13/lib} folder of the nvidia-cuda-nvrtc
 * wheel). Skipped, with the reason, where no libnvrtc is found.
 */
class NvrtcTest {

    private static final Path LIBRARY = CudaLibraries.nvrtcOrNull();
    private Nvrtc nvrtc;

    @BeforeEach
    void find() {
        Assumptions.assumeTrue(LIBRARY != null, "skipped: no libnvrtc.so* in STRATA_CUDA_LIBS, LD_LIBRARY_PATH or the "
                + "usual CUDA folders, so the engine's NVRTC binding is not exercised here");
        nvrtc = new Nvrtc(LIBRARY);
    }

    @Test
    void hopper_getsACubin_withEveryKernel() {
        int[] archs = nvrtc.supportedArchitectures();
        assertTrue(archs.length > 0 && java.util.Arrays.binarySearch(archs, 90) >= 0,
                "NVRTC " + nvrtc.version() + " lists " + java.util.Arrays.toString(archs));
        try (Arena a = Arena.ofConfined()) {
            Nvrtc.Image image = nvrtc.compile(CudaEngine.kernelSource(), "kernels.cu", 90, a);
            assertEquals("cubin sm_90", image.kind());
            byte[] head = image.bytes().asSlice(0, 4).toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, head, "a CUBIN is an ELF file");
            String text = new String(image.bytes().toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String k : java.util.List.of("gather_rows", "scatter_add_rows", "softmax_ce", "n3_rows", "adagrad", "adam")) {
                assertTrue(text.contains(k), "no symbol " + k + " in the CUBIN");
            }
        }
    }

    @Test
    void aGpuNewerThanNvrtc_getsPtxForTheNewestArchitectureItKnows() {
        int[] archs = nvrtc.supportedArchitectures();
        int newest = archs[archs.length - 1];
        try (Arena a = Arena.ofConfined()) {
            Nvrtc.Image image = nvrtc.compile(CudaEngine.kernelSource(), "kernels.cu", 990, a);
            assertEquals("ptx compute_" + newest, image.kind());
            String ptx = image.bytes().getString(0);
            assertTrue(ptx.contains(".entry softmax_ce"), "no softmax_ce entry in the PTX");
            assertTrue(ptx.contains(".target sm_" + newest), "PTX for another target:\n" + ptx.lines().limit(20).toList());
        }
    }

    @Test
    void aCompileError_carriesNvrtcsLog() {
        try (Arena a = Arena.ofConfined()) {
            CudaException e = assertThrows(CudaException.class, () -> nvrtc.compile(
                    "extern \"C\" __global__ void broken(float* x) { x[0] = undefined_name; }", "broken.cu", 90, a));
            assertTrue(e.getMessage().contains("broken.cu") && e.getMessage().contains("undefined_name"), e.getMessage());
        }
    }

    @Test
    void tooOldAGpu_isRefusedByName() {
        try (Arena a = Arena.ofConfined()) {
            CudaException e = assertThrows(CudaException.class,
                    () -> nvrtc.compile(CudaEngine.kernelSource(), "kernels.cu", 10, a));
            assertTrue(e.getMessage().contains("compute capability 1.0"), e.getMessage());
        }
    }
}
