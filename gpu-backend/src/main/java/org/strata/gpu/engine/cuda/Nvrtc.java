package org.strata.gpu.engine.cuda;

import static org.strata.gpu.engine.cuda.Native.INT;
import static org.strata.gpu.engine.cuda.Native.LONG;
import static org.strata.gpu.engine.cuda.Native.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NVRTC, CUDA's runtime compiler: CUDA C source in, a CUBIN for the GPU's own architecture out (no
 * JIT when the module loads, and no PTX newer than the driver), or PTX for the newest architecture
 * NVRTC knows when the GPU is newer than this NVRTC.
 */
final class Nvrtc {

    /** What {@link #compile} made: a loadable image and what it is, for reports. */
    record Image(MemorySegment bytes, String kind) {
    }

    private final MethodHandle nvrtcVersion;
    private final MethodHandle nvrtcCreateProgram;
    private final MethodHandle nvrtcCompileProgram;
    private final MethodHandle nvrtcGetProgramLogSize;
    private final MethodHandle nvrtcGetProgramLog;
    private final MethodHandle nvrtcGetPTXSize;
    private final MethodHandle nvrtcGetPTX;
    private final MethodHandle nvrtcGetCUBINSize;
    private final MethodHandle nvrtcGetCUBIN;
    private final MethodHandle nvrtcGetNumSupportedArchs;
    private final MethodHandle nvrtcGetSupportedArchs;
    private final MethodHandle nvrtcDestroyProgram;
    private final MethodHandle nvrtcGetErrorString;

    Nvrtc(Path library) {
        Native.loadCompanions(library, "libnvrtc-builtins.so");
        Native lib = new Native(library);
        nvrtcVersion = lib.function("nvrtcVersion", INT, PTR, PTR);
        nvrtcCreateProgram = lib.function("nvrtcCreateProgram", INT, PTR, PTR, PTR, INT, PTR, PTR);
        nvrtcCompileProgram = lib.function("nvrtcCompileProgram", INT, PTR, INT, PTR);
        nvrtcGetProgramLogSize = lib.function("nvrtcGetProgramLogSize", INT, PTR, PTR);
        nvrtcGetProgramLog = lib.function("nvrtcGetProgramLog", INT, PTR, PTR);
        nvrtcGetPTXSize = lib.function("nvrtcGetPTXSize", INT, PTR, PTR);
        nvrtcGetPTX = lib.function("nvrtcGetPTX", INT, PTR, PTR);
        nvrtcGetCUBINSize = lib.function("nvrtcGetCUBINSize", INT, PTR, PTR);
        nvrtcGetCUBIN = lib.function("nvrtcGetCUBIN", INT, PTR, PTR);
        nvrtcGetNumSupportedArchs = lib.function("nvrtcGetNumSupportedArchs", INT, PTR);
        nvrtcGetSupportedArchs = lib.function("nvrtcGetSupportedArchs", INT, PTR);
        nvrtcDestroyProgram = lib.function("nvrtcDestroyProgram", INT, PTR);
        nvrtcGetErrorString = lib.function("nvrtcGetErrorString", PTR, INT);
    }

    /** The NVRTC version as "major.minor". */
    String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(INT);
            MemorySegment minor = a.allocate(INT);
            check((int) nvrtcVersion.invokeExact(major, minor), "nvrtcVersion");
            return major.get(INT, 0) + "." + minor.get(INT, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The real architectures this NVRTC compiles for, as major·10 + minor, ascending. */
    int[] supportedArchitectures() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment count = a.allocate(INT);
            check((int) nvrtcGetNumSupportedArchs.invokeExact(count), "nvrtcGetNumSupportedArchs");
            int n = count.get(INT, 0);
            MemorySegment archs = a.allocate(INT, Math.max(1, n));
            check((int) nvrtcGetSupportedArchs.invokeExact(archs), "nvrtcGetSupportedArchs");
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = archs.getAtIndex(INT, i);
            }
            Arrays.sort(out);
            return out;
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Compiles {@code source} for a GPU of compute capability {@code cc} (major·10 + minor): a CUBIN
     * for {@code sm_<cc>} when this NVRTC supports it, else PTX for the newest architecture below it,
     * which the driver compiles when it loads. The image is a segment of {@code arena} (PTX ends with a
     * NUL). A compile error throws with NVRTC's log.
     */
    Image compile(String source, String name, int cc, Arena arena) {
        int[] archs = supportedArchitectures();
        boolean toCubin = Arrays.binarySearch(archs, cc) >= 0;
        int ptxArch = -1;
        for (int a : archs) {
            if (a <= cc) {
                ptxArch = a;
            }
        }
        if (!toCubin && ptxArch < 0) {
            throw new CudaException("NVRTC " + version() + " cannot compile for compute capability " + cc / 10 + "."
                    + cc % 10 + " (it supports " + Arrays.toString(archs) + ")");
        }
        String arch = toCubin ? "--gpu-architecture=sm_" + cc : "--gpu-architecture=compute_" + ptxArch;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment progOut = a.allocate(PTR);
            check((int) nvrtcCreateProgram.invokeExact(progOut, a.allocateFrom(source), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment prog = progOut.get(PTR, 0);
            try {
                String[] options = {arch, "--std=c++17", "-default-device"};
                MemorySegment opts = a.allocate(PTR, options.length);
                for (int i = 0; i < options.length; i++) {
                    opts.setAtIndex(PTR, i, a.allocateFrom(options[i]));
                }
                int r = (int) nvrtcCompileProgram.invokeExact(prog, options.length, opts);
                if (r != 0) {
                    throw new CudaException("NVRTC could not compile " + name + " with " + arch + " (" + error(r)
                            + "):\n" + log(prog, a));
                }
                MemorySegment size = a.allocate(LONG);
                if (toCubin) {
                    check((int) nvrtcGetCUBINSize.invokeExact(prog, size), "nvrtcGetCUBINSize");
                    MemorySegment cubin = arena.allocate(size.get(LONG, 0));
                    check((int) nvrtcGetCUBIN.invokeExact(prog, cubin), "nvrtcGetCUBIN");
                    return new Image(cubin, "cubin sm_" + cc);
                }
                check((int) nvrtcGetPTXSize.invokeExact(prog, size), "nvrtcGetPTXSize");
                MemorySegment ptx = arena.allocate(size.get(LONG, 0) + 1);
                check((int) nvrtcGetPTX.invokeExact(prog, ptx), "nvrtcGetPTX");
                return new Image(ptx, "ptx compute_" + ptxArch);
            } finally {
                int ignored = (int) nvrtcDestroyProgram.invokeExact(progOut);
            }
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private String log(MemorySegment prog, Arena a) throws Throwable {
        MemorySegment size = a.allocate(LONG);
        if ((int) nvrtcGetProgramLogSize.invokeExact(prog, size) != 0) {
            return "(no log)";
        }
        MemorySegment log = a.allocate(size.get(LONG, 0) + 1);
        if ((int) nvrtcGetProgramLog.invokeExact(prog, log) != 0) {
            return "(no log)";
        }
        return log.getString(0);
    }

    private String error(int result) {
        try {
            return Native.string((MemorySegment) nvrtcGetErrorString.invokeExact(result), "error " + result);
        } catch (Throwable t) {
            return "error " + result;
        }
    }

    private void check(int result, String call) {
        if (result != 0) {
            throw new CudaException(call + " failed: " + error(result));
        }
    }
}
