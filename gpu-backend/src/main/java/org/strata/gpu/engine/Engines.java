package org.strata.gpu.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.strata.gpu.GpuOptions.EngineKind;
import org.strata.gpu.engine.cpu.CpuEngine;

/** Opens the engine a user asks for, or says clearly why it cannot run here. */
public final class Engines {

    /** Where the CUDA driver library is looked for, after {@code STRATA_CUDA_LIBS}. */
    static final List<String> DRIVER_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/wsl/lib",
            "/usr/local/nvidia/lib64", "/usr/lib");

    private Engines() {
    }

    /** An engine of the given kind; the CPU engine uses {@code threads} threads. */
    public static Engine open(EngineKind kind, int threads) {
        return switch (kind) {
            case CPU -> new CpuEngine(threads);
            case CUDA -> {
                Path driver = findDriver(System.getenv("STRATA_CUDA_LIBS"));
                if (driver == null) {
                    throw new EngineUnavailableException("--engine cuda: no CUDA driver on this machine (libcuda.so.1 "
                            + "is not in STRATA_CUDA_LIBS nor in " + String.join(", ", DRIVER_DIRS)
                            + "); train with --engine cpu, or set STRATA_CUDA_LIBS to the folder holding libcuda.so.1");
                }
                throw new EngineUnavailableException("--engine cuda: found the CUDA driver at " + driver + ", but this "
                        + "build of Strata has no CUDA engine yet (it is being written); train with --engine cpu");
            }
        };
    }

    /** The CUDA driver library, or null when there is none. */
    static Path findDriver(String extraDirs) {
        List<String> dirs = new ArrayList<>();
        if (extraDirs != null && !extraDirs.isBlank()) {
            dirs.addAll(List.of(extraDirs.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(DRIVER_DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, "libcuda.so.1");
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }
}
