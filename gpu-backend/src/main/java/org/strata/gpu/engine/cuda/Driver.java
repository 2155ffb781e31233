package org.strata.gpu.engine.cuda;

import static org.strata.gpu.engine.cuda.Native.INT;
import static org.strata.gpu.engine.cuda.Native.LONG;
import static org.strata.gpu.engine.cuda.Native.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The part of the CUDA driver API ({@code libcuda}) the engine uses: one device, its primary context
 * (shared with cuBLAS), device memory, modules loaded from PTX, and kernel launches on the default
 * stream. Every call's result is checked; a failure throws {@link CudaException} naming the call.
 */
final class Driver {

    /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR} and {@code _MINOR}. */
    private static final int CC_MAJOR = 75;
    private static final int CC_MINOR = 76;
    private static final int CUDA_ERROR_NO_DEVICE = 100;

    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDeviceTotalMem;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuMemsetD32;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuGetErrorName;

    Driver(Path library) {
        Native lib = new Native(library);
        cuInit = lib.function("cuInit", INT, INT);
        cuDriverGetVersion = lib.function("cuDriverGetVersion", INT, PTR);
        cuDeviceGetCount = lib.function("cuDeviceGetCount", INT, PTR);
        cuDeviceGet = lib.function("cuDeviceGet", INT, PTR, INT);
        cuDeviceGetName = lib.function("cuDeviceGetName", INT, PTR, INT, INT);
        cuDeviceGetAttribute = lib.function("cuDeviceGetAttribute", INT, PTR, INT, INT);
        cuDeviceTotalMem = lib.function("cuDeviceTotalMem_v2", INT, PTR, INT);
        cuDevicePrimaryCtxRetain = lib.function("cuDevicePrimaryCtxRetain", INT, PTR, INT);
        cuDevicePrimaryCtxRelease = lib.function("cuDevicePrimaryCtxRelease_v2", INT, INT);
        cuCtxSetCurrent = lib.function("cuCtxSetCurrent", INT, PTR);
        cuCtxSynchronize = lib.function("cuCtxSynchronize", INT);
        cuMemAlloc = lib.function("cuMemAlloc_v2", INT, PTR, LONG);
        cuMemFree = lib.function("cuMemFree_v2", INT, LONG);
        cuMemcpyHtoD = lib.function("cuMemcpyHtoD_v2", INT, LONG, PTR, LONG);
        cuMemcpyDtoH = lib.function("cuMemcpyDtoH_v2", INT, PTR, LONG, LONG);
        cuMemsetD32 = lib.function("cuMemsetD32_v2", INT, LONG, INT, LONG);
        cuModuleLoadData = lib.function("cuModuleLoadData", INT, PTR, PTR);
        cuModuleGetFunction = lib.function("cuModuleGetFunction", INT, PTR, PTR, PTR);
        cuModuleUnload = lib.function("cuModuleUnload", INT, PTR);
        cuLaunchKernel = lib.function("cuLaunchKernel", INT, PTR, INT, INT, INT, INT, INT, INT, INT, PTR, PTR, PTR);
        cuGetErrorName = lib.function("cuGetErrorName", INT, INT, PTR);
    }

    private void check(int result, String call) {
        if (result == 0) {
            return;
        }
        String name = "error " + result;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(PTR);
            if ((int) cuGetErrorName.invokeExact(result, out) == 0) {
                name = Native.string(out.get(PTR, 0), name);
            }
        } catch (Throwable t) {
            // keep the number
        }
        throw new CudaException(call + " failed: " + name);
    }

    /** Initialises the driver; a machine with a driver but no GPU gets a clear message. */
    void init() {
        int r;
        try {
            r = (int) cuInit.invokeExact(0);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (r == CUDA_ERROR_NO_DEVICE) {
            throw new org.strata.gpu.engine.EngineUnavailableException("--engine cuda: the CUDA driver finds no GPU "
                    + "on this machine; train with --engine cpu");
        }
        check(r, "cuInit");
    }

    int driverVersion() {
        return intOut(cuDriverGetVersion, "cuDriverGetVersion");
    }

    int deviceCount() {
        return intOut(cuDeviceGetCount, "cuDeviceGetCount");
    }

    private int intOut(MethodHandle h, String call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(INT);
            check((int) h.invokeExact(out), call);
            return out.get(INT, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(INT);
            check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet(" + ordinal + ")");
            return out.get(INT, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName");
            return out.getString(0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The compute capability as major·10 + minor (e.g. 90 for an H100). */
    int computeCapability(int device) {
        return attribute(device, CC_MAJOR) * 10 + attribute(device, CC_MINOR);
    }

    private int attribute(int device, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(INT);
            check((int) cuDeviceGetAttribute.invokeExact(out, attribute, device), "cuDeviceGetAttribute");
            return out.get(INT, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(LONG);
            check((int) cuDeviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem");
            return out.get(LONG, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Retains the device's primary context (the one the CUDA runtime, and so cuBLAS, uses). */
    MemorySegment retainPrimaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(PTR);
            check((int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
            return out.get(PTR, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    void releasePrimaryContext(int device) {
        call(() -> (int) cuDevicePrimaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease");
    }

    void setCurrent(MemorySegment context) {
        call(() -> (int) cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
    }

    void synchronize() {
        call(() -> (int) cuCtxSynchronize.invokeExact(), "cuCtxSynchronize");
    }

    long allocate(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(LONG);
            check((int) cuMemAlloc.invokeExact(out, Math.max(bytes, 4L)), "cuMemAlloc(" + bytes + " bytes)");
            return out.get(LONG, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    void free(long pointer) {
        call(() -> (int) cuMemFree.invokeExact(pointer), "cuMemFree");
    }

    /** Copies {@code bytes} from host memory to the device (synchronous). */
    void copyToDevice(long device, MemorySegment host, long bytes) {
        call(() -> (int) cuMemcpyHtoD.invokeExact(device, host, bytes), "cuMemcpyHtoD");
    }

    /** Copies {@code bytes} from the device to host memory (waits for the work before it). */
    void copyToHost(MemorySegment host, long device, long bytes) {
        call(() -> (int) cuMemcpyDtoH.invokeExact(host, device, bytes), "cuMemcpyDtoH");
    }

    void fill32(long device, int value, long count) {
        call(() -> (int) cuMemsetD32.invokeExact(device, value, count), "cuMemsetD32");
    }

    /** Loads a module from a CUBIN, or from a NUL-terminated PTX image that the driver compiles for this device. */
    MemorySegment loadModule(MemorySegment ptx) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(PTR);
            check((int) cuModuleLoadData.invokeExact(out, ptx), "cuModuleLoadData");
            return out.get(PTR, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    void unloadModule(MemorySegment module) {
        call(() -> (int) cuModuleUnload.invokeExact(module), "cuModuleUnload");
    }

    MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(PTR);
            check((int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name)),
                    "cuModuleGetFunction(" + name + ")");
            return out.get(PTR, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Launches {@code function} on the default stream with a 1-D grid; {@code args} are Integer, Long
     * (also device pointers) or Float values in the kernel's parameter order.
     */
    void launch(MemorySegment function, String name, int blocks, int threads, Object... args) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(PTR, args.length);
            for (int i = 0; i < args.length; i++) {
                MemorySegment value = switch (args[i]) {
                    case Integer v -> a.allocateFrom(INT, v);
                    case Long v -> a.allocateFrom(LONG, v);
                    case Float v -> a.allocateFrom(ValueLayout.JAVA_FLOAT, v);
                    default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
                };
                params.setAtIndex(PTR, i, value);
            }
            check((int) cuLaunchKernel.invokeExact(function, blocks, 1, 1, threads, 1, 1, 0, MemorySegment.NULL,
                    params, MemorySegment.NULL), "cuLaunchKernel(" + name + ")");
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** A driver call returning a result code. */
    private interface Call {
        int run() throws Throwable;
    }

    private void call(Call c, String name) {
        int r;
        try {
            r = c.run();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        check(r, name);
    }
}
