package org.strata.gpu.engine.cuda;

import static org.strata.gpu.engine.cuda.Native.FLOAT;
import static org.strata.gpu.engine.cuda.Native.INT;
import static org.strata.gpu.engine.cuda.Native.LONG;
import static org.strata.gpu.engine.cuda.Native.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** The cuBLAS calls the engine uses: a handle on the current context, and single-precision GEMM. */
final class Cublas implements AutoCloseable {

    /** {@code CUBLAS_OP_N}, {@code CUBLAS_OP_T}. */
    static final int N = 0;
    static final int T = 1;

    private final MethodHandle cublasDestroy;
    private final MethodHandle cublasSgemm;
    private final MethodHandle cublasGetVersion;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment alpha = arena.allocate(FLOAT);
    private final MemorySegment beta = arena.allocate(FLOAT);

    /** Creates a handle; the CUDA context it should use must be current. */
    Cublas(Path library) {
        Native.loadCompanions(library, "libcublasLt.so");
        Native lib = new Native(library);
        MethodHandle create = lib.function("cublasCreate_v2", INT, PTR);
        cublasDestroy = lib.function("cublasDestroy_v2", INT, PTR);
        cublasGetVersion = lib.function("cublasGetVersion_v2", INT, PTR, PTR);
        cublasSgemm = lib.function("cublasSgemm_v2", INT, PTR, INT, INT, INT, INT, INT, PTR, LONG, INT, LONG, INT, PTR,
                LONG, INT);
        try {
            MemorySegment out = arena.allocate(PTR);
            check((int) create.invokeExact(out), "cublasCreate");
            handle = out.get(PTR, 0);
        } catch (CudaException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw Native.rethrow(t);
        }
    }

    /** cuBLAS's version number (e.g. 120403). */
    int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(INT);
            check((int) cublasGetVersion.invokeExact(handle, out), "cublasGetVersion");
            return out.get(INT, 0);
        } catch (CudaException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Column-major {@code C = alpha · op(A) · op(B) + beta · C}, as BLAS's sgemm, on device pointers. */
    void sgemm(int transA, int transB, int m, int n, int k, float alphaValue, long a, int lda, long b, int ldb,
               float betaValue, long c, int ldc) {
        alpha.set(FLOAT, 0, alphaValue);
        beta.set(FLOAT, 0, betaValue);
        int r;
        try {
            r = (int) cublasSgemm.invokeExact(handle, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        check(r, "cublasSgemm(" + m + "x" + n + "x" + k + ")");
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new CudaException(call + " failed: cuBLAS status " + result);
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) cublasDestroy.invokeExact(handle);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        } finally {
            arena.close();
        }
    }
}
