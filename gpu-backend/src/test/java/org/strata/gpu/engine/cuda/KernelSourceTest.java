package org.strata.gpu.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels' source: it ships in the jar, defines every kernel the engine looks up, and compiles
 * to PTX with the CUDA compiler where one is installed (a GPU is not needed for that).
 */
class KernelSourceTest {

    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");

    @Test
    void source_definesEveryKernelTheEngineLaunches() throws Exception {
        String src = CudaEngine.kernelSource();
        List<String> defined = new ArrayList<>();
        Matcher m = KERNEL.matcher(src);
        while (m.find()) {
            defined.add(m.group(1));
        }
        java.lang.reflect.Field f = CudaEngine.class.getDeclaredField("KERNELS");
        f.setAccessible(true);
        List<String> used = List.of((String[]) f.get(null));
        assertEquals(used.stream().sorted().toList(), defined.stream().sorted().toList());
        // NVRTC has no math.h: the source must not lean on its macros
        assertTrue(!src.contains("INFINITY") || src.contains("#define NEG_INF"), "uses INFINITY");
        assertTrue(!src.contains("#include"), "NVRTC compiles without the toolkit's headers");
    }

    @Test
    void source_compilesToPtx_withNvcc(@TempDir Path tmp) throws Exception {
        Path nvcc = nvcc();
        Assumptions.assumeTrue(nvcc != null, "skipped: no nvcc on PATH or in /usr/local/cuda/bin, so the kernels "
                + "are not compiled here (NVRTC compiles them when a CUDA engine opens)");
        Path cu = tmp.resolve("kernels.cu");
        Files.writeString(cu, CudaEngine.kernelSource());
        Path ptx = tmp.resolve("kernels.ptx");
        Process p = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=compute_80", "-o", ptx.toString(), cu.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "nvcc failed:\n" + log);
        String text = Files.readString(ptx);
        for (String k : List.of("softmax_ce", "n3_rows", "adagrad", "gather_rows")) {
            assertTrue(text.contains(".entry " + k), "no entry " + k + " in the PTX");
        }
    }

    private static Path nvcc() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/local/cuda/bin");
        for (String d : dirs) {
            if (d.isBlank()) {
                continue;
            }
            Path p = Path.of(d, "nvcc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
