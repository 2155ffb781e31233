package org.strata.gpu.engine.cuda;

import static org.strata.gpu.engine.cuda.Native.INT;
import static org.strata.gpu.engine.cuda.Native.LONG;
import static org.strata.gpu.engine.cuda.Native.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** NVRTC, CUDA's runtime compiler: CUDA C source in, PTX out. */
final class Nvrtc {

    private final MethodHandle nvrtcVersion;
    private final MethodHandle nvrtcCreateProgram;
    private final MethodHandle nvrtcCompileProgram;
    private final MethodHandle nvrtcGetProgramLogSize;
    private final MethodHandle nvrtcGetProgramLog;
    private final MethodHandle nvrtcGetPTXSize;
    private final MethodHandle nvrtcGetPTX;
    private final MethodHandle nvrtcDestroyProgram;
    private final MethodHandle nvrtcGetErrorString;

    Nvrtc(Path library) {
        Native lib = new Native(library);
        nvrtcVersion = lib.function("nvrtcVersion", INT, PTR, PTR);
        nvrtcCreateProgram = lib.function("nvrtcCreateProgram", INT, PTR, PTR, PTR, INT, PTR, PTR);
        nvrtcCompileProgram = lib.function("nvrtcCompileProgram", INT, PTR, INT, PTR);
        nvrtcGetProgramLogSize = lib.function("nvrtcGetProgramLogSize", INT, PTR, PTR);
        nvrtcGetProgramLog = lib.function("nvrtcGetProgramLog", INT, PTR, PTR);
        nvrtcGetPTXSize = lib.function("nvrtcGetPTXSize", INT, PTR, PTR);
        nvrtcGetPTX = lib.function("nvrtcGetPTX", INT, PTR, PTR);
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

    /**
     * Compiles {@code source} for virtual architecture {@code compute_<cc>}; returns the PTX as a
     * NUL-terminated segment of {@code arena}. A compile error throws with NVRTC's log.
     */
    MemorySegment compile(String source, String name, int computeCapability, Arena arena) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment progOut = a.allocate(PTR);
            check((int) nvrtcCreateProgram.invokeExact(progOut, a.allocateFrom(source), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment prog = progOut.get(PTR, 0);
            try {
                String[] options = {"--gpu-architecture=compute_" + computeCapability, "--std=c++17", "-default-device"};
                MemorySegment opts = a.allocate(PTR, options.length);
                for (int i = 0; i < options.length; i++) {
                    opts.setAtIndex(PTR, i, a.allocateFrom(options[i]));
                }
                int r = (int) nvrtcCompileProgram.invokeExact(prog, options.length, opts);
                if (r != 0) {
                    throw new CudaException("NVRTC could not compile " + name + " (" + error(r) + "):\n" + log(prog, a));
                }
                MemorySegment size = a.allocate(LONG);
                check((int) nvrtcGetPTXSize.invokeExact(prog, size), "nvrtcGetPTXSize");
                MemorySegment ptx = arena.allocate(size.get(LONG, 0) + 1);
                check((int) nvrtcGetPTX.invokeExact(prog, ptx), "nvrtcGetPTX");
                return ptx;
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
