package org.strata.gpu.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.gpu.engine.EngineUnavailableException;

/** Finding the CUDA libraries: search order, versioned names, and the message when some are missing. */
class CudaLibrariesTest {

    @Test
    void find_takesStrataCudaLibsFirst_andTheHighestVersionInAFolder(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.createFile(a.resolve("libcuda.so.1"));
        Files.createFile(b.resolve("libcuda.so.1"));
        Files.createFile(b.resolve("libnvrtc.so.12"));
        Files.createFile(b.resolve("libnvrtc.so.13"));
        Files.createFile(b.resolve("libnvrtc-builtins.so.13"));
        Files.createFile(b.resolve("libnvrtc.so.13.0.88"));
        Files.createFile(b.resolve("libcublas.so.12"));
        Files.createFile(b.resolve("libcublasLt.so.12"));
        CudaLibraries libs = CudaLibraries.find(a + ":" + b, null);
        assertEquals(a.resolve("libcuda.so.1"), libs.driver());
        assertEquals(b.resolve("libnvrtc.so.13.0.88"), libs.nvrtc());
        assertEquals(b.resolve("libcublas.so.12"), libs.cublas());
    }

    @Test
    void find_looksInLdLibraryPathToo(@TempDir Path tmp) throws Exception {
        Files.createFile(tmp.resolve("libcuda.so.1"));
        Files.createFile(tmp.resolve("libnvrtc.so"));
        Files.createFile(tmp.resolve("libcublas.so"));
        CudaLibraries libs = CudaLibraries.find(null, tmp.toString());
        assertEquals(tmp.resolve("libnvrtc.so"), libs.nvrtc());
    }

    @Test
    void find_namesWhatIsMissing_andWhereItLooked(@TempDir Path tmp) throws Exception {
        Files.createFile(tmp.resolve("libcublas.so.12"));
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> CudaLibraries.find(java.util.List.of(tmp, tmp.resolve("nothere"))));
        String m = e.getMessage();
        assertTrue(m.startsWith("--engine cuda: cannot find the CUDA driver (libcuda.so.1"), m);
        assertTrue(m.contains("NVRTC (libnvrtc.so*)"), m);
        assertTrue(!m.contains("cuBLAS"), "cuBLAS was found, the message says it is missing: " + m);
        assertTrue(m.contains(tmp.toString()) && m.contains("--engine cpu"), m);
    }

    @Test
    void compareVersions_ordersNumerically() {
        assertTrue(CudaLibraries.compareVersions("libx.so.12", "libx.so.9") > 0);
        assertTrue(CudaLibraries.compareVersions("libx.so.12.1", "libx.so.12") > 0);
        assertTrue(CudaLibraries.compareVersions("libx.so", "libx.so.1") < 0);
        assertEquals(0, CudaLibraries.compareVersions("libx.so.3", "libx.so.3"));
    }

    @Test
    void missingLibrary_isAClearEngineError(@TempDir Path tmp) {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> new Native(tmp.resolve("libnothere.so")));
        assertTrue(e.getMessage().contains("libnothere.so"), e.getMessage());
    }
}
