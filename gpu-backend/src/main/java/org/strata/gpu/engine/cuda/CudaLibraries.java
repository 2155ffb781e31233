package org.strata.gpu.engine.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.strata.gpu.engine.EngineUnavailableException;

/**
 * Where the three CUDA libraries the engine binds to live: the driver ({@code libcuda.so.1}), NVRTC
 * ({@code libnvrtc.so*}) and cuBLAS ({@code libcublas.so*}). Folders are searched in this order: those
 * in {@code STRATA_CUDA_LIBS} (separated by {@code :}), those in {@code LD_LIBRARY_PATH}, the CUDA
 * toolkit folders, the system library folders, and the {@code nvidia/*}{@code /lib} folders of a Python
 * installation (where PyTorch's wheels put NVRTC and cuBLAS).
 *
 * @param driver the CUDA driver library
 * @param nvrtc  the runtime compiler library
 * @param cublas the BLAS library
 */
record CudaLibraries(Path driver, Path nvrtc, Path cublas) {

    /** The fixed folders searched after the environment's. */
    static final List<String> STANDARD_DIRS = List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
            "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64", "/usr/lib",
            "/opt/cuda/lib64");

    /**
     * Finds the libraries, or says which are missing and where it looked.
     *
     * @param strataCudaLibs the value of {@code STRATA_CUDA_LIBS}, or null
     * @param ldLibraryPath  the value of {@code LD_LIBRARY_PATH}, or null
     */
    public static CudaLibraries find(String strataCudaLibs, String ldLibraryPath) {
        return find(searchDirs(strataCudaLibs, ldLibraryPath));
    }

    /** Finds the libraries in exactly these folders, in order. */
    static CudaLibraries find(List<Path> dirs) {
        Path driver = first(dirs, "libcuda.so.1", true);
        Path nvrtc = first(dirs, "libnvrtc.so", false);
        Path cublas = first(dirs, "libcublas.so", false);
        List<String> missing = new ArrayList<>();
        if (driver == null) {
            missing.add("the CUDA driver (libcuda.so.1: is there an NVIDIA GPU and driver?)");
        }
        if (nvrtc == null) {
            missing.add("NVRTC (libnvrtc.so*)");
        }
        if (cublas == null) {
            missing.add("cuBLAS (libcublas.so*)");
        }
        if (!missing.isEmpty()) {
            throw new EngineUnavailableException("--engine cuda: cannot find " + String.join(", ", missing)
                    + " in " + dirs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                    + "; train with --engine cpu, or set STRATA_CUDA_LIBS to the folders holding them");
        }
        return new CudaLibraries(driver, nvrtc, cublas);
    }

    /** Finds the libraries from this process's environment. */
    public static CudaLibraries fromEnvironment() {
        return find(System.getenv("STRATA_CUDA_LIBS"), System.getenv("LD_LIBRARY_PATH"));
    }

    /** The CUDA driver from this process's environment, or null when there is none (no GPU here). */
    public static Path driverOrNull() {
        return first(searchDirs(System.getenv("STRATA_CUDA_LIBS"), System.getenv("LD_LIBRARY_PATH")), "libcuda.so.1",
                true);
    }

    /** NVRTC from this process's environment, or null (it needs no GPU: tests compile the kernels with it). */
    static Path nvrtcOrNull() {
        return first(searchDirs(System.getenv("STRATA_CUDA_LIBS"), System.getenv("LD_LIBRARY_PATH")), "libnvrtc.so",
                false);
    }

    static List<Path> searchDirs(String strataCudaLibs, String ldLibraryPath) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String list : new String[] {strataCudaLibs, ldLibraryPath}) {
            if (list != null && !list.isBlank()) {
                for (String d : list.split(File.pathSeparator)) {
                    if (!d.isBlank()) {
                        dirs.add(Path.of(d));
                    }
                }
            }
        }
        STANDARD_DIRS.forEach(d -> dirs.add(Path.of(d)));
        dirs.addAll(pythonNvidiaDirs());
        return new ArrayList<>(dirs);
    }

    /**
     * Where Python installations keep {@code python3.x/}: the active virtual or conda environment, the
     * system's, the user's, and those under {@code /opt} ({@code /opt/NAME/lib}, {@code /opt/NAME/.venv/lib}).
     */
    private static List<Path> pythonLibDirs() {
        List<Path> bases = new ArrayList<>();
        for (String env : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                bases.add(Path.of(v, "lib"));
            }
        }
        for (String b : new String[] {"/usr/local/lib", "/usr/lib", "/opt/conda/lib",
                System.getProperty("user.home") + "/.local/lib"}) {
            bases.add(Path.of(b));
        }
        try (DirectoryStream<Path> opt = Files.newDirectoryStream(Path.of("/opt"))) {
            List<Path> found = new ArrayList<>();
            for (Path p : opt) {
                found.add(p.resolve("lib"));
                found.add(p.resolve(".venv/lib"));
            }
            found.sort(Comparator.naturalOrder());
            bases.addAll(found);
        } catch (IOException e) {
            // no /opt
        }
        return bases;
    }

    /** {@code site-packages/nvidia/<package>/lib} folders of the usual Python installations. */
    private static List<Path> pythonNvidiaDirs() {
        List<Path> out = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        for (Path b : pythonLibDirs()) {
            if (!Files.isDirectory(b)) {
                continue;
            }
            try (DirectoryStream<Path> pythons = Files.newDirectoryStream(b, "python3*")) {
                for (Path p : pythons) {
                    roots.add(p.resolve("site-packages"));
                    roots.add(p.resolve("dist-packages"));
                }
            } catch (IOException e) {
                // an unreadable folder is not a place to look
            }
        }
        for (Path root : roots) {
            Path nvidia = root.resolve("nvidia");
            if (!Files.isDirectory(nvidia)) {
                continue;
            }
            try (DirectoryStream<Path> packages = Files.newDirectoryStream(nvidia)) {
                for (Path p : packages) {
                    if (Files.isDirectory(p.resolve("lib"))) {
                        out.add(p.resolve("lib"));
                    }
                }
            } catch (IOException e) {
                // as above
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The first library named {@code name} (exactly, or, unless {@code exact}, with a version suffix:
     * the highest version in a folder wins) in the first folder that has one.
     */
    static Path first(List<Path> dirs, String name, boolean exact) {
        for (Path d : dirs) {
            if (exact) {
                Path p = d.resolve(name);
                if (Files.isReadable(p)) {
                    return p;
                }
                continue;
            }
            if (!Files.isDirectory(d)) {
                continue;
            }
            Path best = null;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d, name + "*")) {
                for (Path p : files) {
                    String f = p.getFileName().toString();
                    boolean versioned = f.equals(name) || f.matches(java.util.regex.Pattern.quote(name) + "(\\.\\d+)+");
                    if (versioned && Files.isReadable(p) && (best == null || compareVersions(f,
                            best.getFileName().toString()) > 0)) {
                        best = p;
                    }
                }
            } catch (IOException e) {
                continue;
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /** Orders {@code libx.so.12.4} after {@code libx.so.12} after {@code libx.so}. */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            if (i >= pa.length) {
                return -1;
            }
            if (i >= pb.length) {
                return 1;
            }
            int c = pa[i].matches("\\d+") && pb[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i])) : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
