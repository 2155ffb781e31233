package org.strata.gpu.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.QueryForm;
import org.strata.gpu.engine.Tensor;

/**
 * The CUDA engine: tensors in device memory, matrix products through cuBLAS, the other kernels written
 * in CUDA C ({@code kernels.cu} beside this class), compiled by NVRTC when the engine opens and loaded
 * through the driver API. All calls go to the default stream, so they run in order; nothing comes back
 * to the host during a training step: index lists are uploaded beforehand ({@link #indices}) and
 * losses add up in device memory ({@link #sums}) until {@link #read} or a download.
 *
 * <p>Row scatters and the N3 gradient add with atomics, so sums over repeated rows may differ in the
 * last bits from run to run; everything else is deterministic.
 */
public final class CudaEngine implements Engine {

    private static final int THREADS = 256;
    private static final int MAX_BLOCKS = 65_535;
    private static final String[] KERNELS = {"gather_rows", "scatter_add_rows", "combine", "combine_backward",
        "row_sq_norms", "subtract_sq_norms", "row_sums", "col_sums", "subtract_scaled_rows", "softmax_ce", "n3_rows",
        "add_sum", "adagrad", "adam"};

    private final Driver driver;
    private final int device;
    private final MemorySegment context;
    private final MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final Cublas blas;
    private final String description;
    private final Arena arena = Arena.ofShared();
    private long heldBytes;
    private long peakBytes;
    private boolean closed;

    /** Scratch device buffers reused across calls: per-row and per-column results. */
    private Scratch rowScratch;
    private Scratch colScratch;

    /** One allocation of device memory, which knows whether it was freed. */
    private static final class Memory {
        final long pointer;
        final String what;
        boolean freed;

        Memory(long pointer, String what) {
            this.pointer = pointer;
            this.what = what;
        }

        /** The address, unless the memory was freed. */
        long live() {
            if (freed) {
                throw new IllegalArgumentException("this " + what + " was freed");
            }
            return pointer;
        }
    }

    /** A tensor in device memory. */
    private static final class Device extends Tensor {
        final Memory memory;

        Device(int rows, int cols, long pointer) {
            super(rows, cols);
            this.memory = new Memory(pointer, "tensor");
        }
    }

    /** An index list in device memory. */
    private static final class DeviceIndices extends Indices {
        final Memory memory;

        DeviceIndices(int length, long pointer) {
            super(length);
            this.memory = new Memory(pointer, "index list");
        }
    }

    /** Double accumulators in device memory. */
    private static final class DeviceSums extends Sums {
        final Memory memory;

        DeviceSums(int slots, long pointer) {
            super(slots);
            this.memory = new Memory(pointer, "set of sums");
        }
    }

    /** Frees {@code memory} (once: a second free is refused) and takes {@code bytes} off the held count. */
    private void release(Memory memory, long bytes) {
        driver.free(memory.live());
        memory.freed = true;
        heldBytes -= bytes;
    }

    /** A growable device buffer of 4-byte elements. */
    private final class Scratch {
        long pointer;
        long capacity;

        long ensure(long elements) {
            if (elements > capacity) {
                if (capacity > 0) {
                    driver.free(pointer);
                    heldBytes -= capacity * 4;
                }
                long grown = Math.max(elements, capacity * 2);
                pointer = driver.allocate(grown * 4);
                capacity = grown;
                heldBytes += grown * 4;
                peakBytes = Math.max(peakBytes, heldBytes);
            }
            return pointer;
        }

        void release() {
            if (capacity > 0) {
                driver.free(pointer);
                heldBytes -= capacity * 4;
                capacity = 0;
            }
        }
    }

    /** Opens the first GPU of the libraries found in this process's environment. */
    public static CudaEngine open() {
        CudaLibraries libs = CudaLibraries.fromEnvironment();
        try {
            return new CudaEngine(libs, 0);
        } catch (CudaException e) {
            throw new org.strata.gpu.engine.EngineUnavailableException("--engine cuda: could not start: " + e.getMessage());
        }
    }

    /** Opens GPU {@code ordinal} through the given libraries and compiles the kernels. */
    public CudaEngine(CudaLibraries libs, int ordinal) {
        this.driver = new Driver(libs.driver());
        Nvrtc nvrtc = new Nvrtc(libs.nvrtc());
        driver.init();
        int count = driver.deviceCount();
        if (ordinal >= count) {
            throw new org.strata.gpu.engine.EngineUnavailableException("--engine cuda: asked for GPU " + ordinal
                    + " but the driver sees " + count);
        }
        this.device = driver.device(ordinal);
        this.context = driver.retainPrimaryContext(device);
        MemorySegment loaded = null;
        Cublas cublas = null;
        try {
            driver.setCurrent(context);
            int cc = driver.computeCapability(device);
            Nvrtc.Image image = nvrtc.compile(kernelSource(), "kernels.cu", cc, arena);
            loaded = driver.loadModule(image.bytes());
            for (String k : KERNELS) {
                functions.put(k, driver.function(loaded, k));
            }
            cublas = new Cublas(libs.cublas());
            this.description = "cuda, " + driver.deviceName(device) + " (sm_" + cc + ", "
                    + (driver.totalMemory(device) >> 20) + " MiB), driver " + driver.driverVersion() + ", NVRTC "
                    + nvrtc.version() + " (" + image.kind() + "), cuBLAS " + cublas.version();
        } catch (RuntimeException e) {
            RuntimeException reported = e instanceof CudaException
                    ? new org.strata.gpu.engine.EngineUnavailableException("--engine cuda: could not start on "
                    + "GPU " + ordinal + ": " + e.getMessage()) : e;
            if (cublas != null) {
                cublas.close();
            }
            if (loaded != null) {
                driver.unloadModule(loaded);
            }
            driver.releasePrimaryContext(device);
            arena.close();
            throw reported;
        }
        this.module = loaded;
        this.blas = cublas;
        this.rowScratch = new Scratch();
        this.colScratch = new Scratch();
    }

    /** The CUDA C source of the kernels, from the class path. */
    static String kernelSource() {
        try (InputStream in = CudaEngine.class.getResourceAsStream("kernels.cu")) {
            if (in == null) {
                throw new IllegalStateException("kernels.cu is missing from the gpu-backend jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kernels.cu from the gpu-backend jar", e);
        }
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return description;
    }

    private void bind() {
        if (closed) {
            throw new IllegalStateException("this CUDA engine is closed");
        }
        driver.setCurrent(context);
    }

    /** The device address of a live tensor of this engine. */
    private static long p(Tensor t) {
        if (!(t instanceof Device d)) {
            throw new IllegalArgumentException("this tensor belongs to another engine");
        }
        return d.memory.live();
    }

    @Override
    public Tensor allocate(int rows, int cols) {
        bind();
        long bytes = (long) rows * cols * Float.BYTES;
        long pointer = driver.allocate(bytes);
        Device t = new Device(rows, cols, pointer);
        driver.fill32(pointer, 0, Math.max(1, t.size()));
        heldBytes += t.bytes();
        peakBytes = Math.max(peakBytes, heldBytes);
        return t;
    }

    @Override
    public void upload(float[] values, Tensor into) {
        bind();
        if (values.length != into.size()) {
            throw new IllegalArgumentException("upload of " + values.length + " values into a tensor of " + into.size());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocateFrom(ValueLayout.JAVA_FLOAT, values);
            driver.copyToDevice(p(into), host, into.bytes());
        }
    }

    @Override
    public float[] download(Tensor t) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(ValueLayout.JAVA_FLOAT, Math.max(1, t.size()));
            if (t.size() > 0) {
                driver.copyToHost(host, p(t), t.bytes());
            }
            return t.size() == 0 ? new float[0] : host.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    @Override
    public void zero(Tensor t) {
        bind();
        if (t.size() > 0) {
            driver.fill32(p(t), 0, t.size());
        }
    }

    @Override
    public void free(Tensor t) {
        bind();
        p(t);
        release(((Device) t).memory, t.bytes());
    }

    @Override
    public long peakBytes() {
        return peakBytes;
    }

    @Override
    public Indices indices(int[] values) {
        bind();
        long pointer = driver.allocate((long) values.length * Integer.BYTES);
        DeviceIndices i = new DeviceIndices(values.length, pointer);
        if (values.length > 0) {
            try (Arena a = Arena.ofConfined()) {
                driver.copyToDevice(pointer, a.allocateFrom(ValueLayout.JAVA_INT, values), i.bytes());
            }
        }
        heldBytes += i.bytes();
        peakBytes = Math.max(peakBytes, heldBytes);
        return i;
    }

    @Override
    public void free(Indices indices) {
        bind();
        at(indices, 0, 0);
        release(((DeviceIndices) indices).memory, indices.bytes());
    }

    @Override
    public Sums sums(int slots) {
        bind();
        long pointer = driver.allocate((long) slots * Double.BYTES);
        driver.fill32(pointer, 0, 2L * slots);
        return new DeviceSums(slots, pointer);
    }

    @Override
    public double[] read(Sums sums) {
        bind();
        long pointer = at(sums, 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(ValueLayout.JAVA_DOUBLE, sums.slots());
            driver.copyToHost(host, pointer, (long) sums.slots() * Double.BYTES);
            return host.toArray(ValueLayout.JAVA_DOUBLE);
        }
    }

    @Override
    public void clear(Sums sums) {
        bind();
        driver.fill32(at(sums, 0), 0, 2L * sums.slots());
    }

    @Override
    public void free(Sums sums) {
        bind();
        at(sums, 0);
        release(((DeviceSums) sums).memory, 0);
    }

    /** The device address of {@code index[offset]}, once the run {@code [offset, offset + n)} is checked. */
    private static long at(Indices i, int offset, int n) {
        if (!(i instanceof DeviceIndices d)) {
            throw new IllegalArgumentException("this index list belongs to another engine");
        }
        i.checkRun(offset, n);
        return d.memory.live() + (long) offset * Integer.BYTES;
    }

    /** The device address of a live set of sums of this engine, once {@code slot} is checked. */
    private static long at(Sums s, int slot) {
        if (!(s instanceof DeviceSums d)) {
            throw new IllegalArgumentException("these sums belong to another engine");
        }
        s.checkSlot(slot);
        return d.memory.live();
    }

    /** Adds the first {@code n} floats of {@code values} to {@code sums[slot]}, in one block (a fixed order). */
    private void addSum(long values, int n, Sums sums, int slot) {
        launch("add_sum", 1, values, n, at(sums, slot), slot);
    }

    private static int blocksFor(long elements) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (elements + THREADS - 1) / THREADS));
    }

    private static int rowBlocks(int rows) {
        return Math.max(1, Math.min(MAX_BLOCKS, rows));
    }

    private void launch(String kernel, int blocks, Object... args) {
        driver.launch(functions.get(kernel), kernel, blocks, THREADS, args);
    }

    private static int formCode(QueryForm form) {
        return switch (form) {
            case PRODUCT -> 0;
            case COMPLEX -> 1;
            case SUM -> 2;
        };
    }

    @Override
    public void gatherRows(Tensor src, Indices index, int offset, int n, Tensor dst) {
        bind();
        long idx = at(index, offset, n);
        if (n == 0) {
            return;
        }
        launch("gather_rows", blocksFor((long) n * src.cols()), p(src), idx, n, src.cols(), p(dst));
    }

    @Override
    public void scatterAddRows(Tensor rows, Indices index, int offset, int n, Tensor dst) {
        bind();
        long idx = at(index, offset, n);
        if (n == 0) {
            return;
        }
        launch("scatter_add_rows", blocksFor((long) n * rows.cols()), p(rows), idx, n, rows.cols(), p(dst));
    }

    @Override
    public void combine(QueryForm form, Tensor h, Tensor r, int n, Tensor q) {
        bind();
        if (n == 0) {
            return;
        }
        launch("combine", blocksFor((long) n * h.cols()), formCode(form), p(h), p(r), n, h.cols(), p(q));
    }

    @Override
    public void combineBackward(QueryForm form, Tensor h, Tensor r, Tensor dq, int n, Tensor dh, Tensor dr) {
        bind();
        if (n == 0) {
            return;
        }
        launch("combine_backward", blocksFor((long) n * h.cols()), formCode(form), p(h), p(r), p(dq), n, h.cols(),
                p(dh), p(dr));
    }

    private static void check(boolean ok, String what, Tensor a, Tensor b, Tensor c) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": sizes do not fit: a " + a.rows() + "x" + a.cols() + ", b "
                    + b.rows() + "x" + b.cols() + ", c " + c.rows() + "x" + c.cols());
        }
    }

    @Override
    public void multiplyTransposed(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.rows();
        check(b.cols() == k && c.cols() == m && n <= a.rows() && n <= c.rows(), "a·bᵀ", a, b, c);
        bind();
        if (n == 0 || m == 0) {
            return;
        }
        // row-major c(n×m) = a(n×k)·b(m×k)ᵀ is column-major cᵀ(m×n) = b·aᵀ
        blas.sgemm(Cublas.T, Cublas.N, m, n, k, alpha, p(b), k, p(a), k, beta, p(c), m);
    }

    @Override
    public void multiply(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.cols();
        check(b.rows() == k && c.cols() == m && n <= a.rows() && n <= c.rows(), "a·b", a, b, c);
        bind();
        if (n == 0 || m == 0) {
            return;
        }
        // row-major c(n×m) = a(n×k)·b(k×m) is column-major cᵀ = bᵀ·aᵀ
        blas.sgemm(Cublas.N, Cublas.N, m, n, k, alpha, p(b), m, p(a), k, beta, p(c), m);
    }

    @Override
    public void multiplyTransposedLeft(Tensor a, Tensor b, int n, float alpha, float beta, Tensor c) {
        int k = a.cols();
        int m = b.cols();
        check(c.rows() == k && c.cols() == m && n <= a.rows() && n <= b.rows(), "aᵀ·b", a, b, c);
        bind();
        if (k == 0 || m == 0) {
            return;
        }
        // row-major c(k×m) = aᵀ(k×n)·b(n×m) is column-major cᵀ(m×k) = bᵀ·a
        blas.sgemm(Cublas.N, Cublas.T, m, k, n, alpha, p(b), m, p(a), k, beta, p(c), m);
    }

    @Override
    public void subtractSquaredNorms(Tensor q, Tensor e, int n, Tensor s) {
        bind();
        int m = e.rows();
        int w = q.cols();
        if (n == 0 || m == 0) {
            return;
        }
        long qn = rowScratch.ensure(n);
        long en = colScratch.ensure(m);
        launch("row_sq_norms", rowBlocks(n), p(q), n, w, qn);
        launch("row_sq_norms", rowBlocks(m), p(e), m, w, en);
        launch("subtract_sq_norms", blocksFor((long) n * m), p(s), qn, en, n, m);
    }

    @Override
    public void subtractSquaredNormsBackward(Tensor q, Tensor e, Tensor ds, int n, Tensor dq, Tensor de) {
        bind();
        int m = e.rows();
        int w = q.cols();
        if (n == 0 || m == 0) {
            return;
        }
        long rowSum = rowScratch.ensure(n);
        long colSum = colScratch.ensure(m);
        launch("row_sums", rowBlocks(n), p(ds), n, m, rowSum);
        launch("col_sums", blocksFor(m), p(ds), n, m, colSum);
        launch("subtract_scaled_rows", blocksFor((long) n * w), p(q), rowSum, n, w, p(dq));
        launch("subtract_scaled_rows", blocksFor((long) m * w), p(e), colSum, m, w, p(de));
    }

    @Override
    public void softmaxCrossEntropy(Tensor scores, Indices targets, int offset, int n, float scale, Sums sums,
                                    int slot) {
        bind();
        long idx = at(targets, offset, n);
        at(sums, slot);
        if (n == 0) {
            return;
        }
        long loss = rowScratch.ensure(n);
        launch("softmax_ce", rowBlocks(n), p(scores), idx, n, scores.cols(), scale, loss);
        addSum(loss, n, sums, slot);
    }

    @Override
    public void n3(QueryForm form, Tensor params, Indices index, int offset, int n, float weight, Tensor grad,
                   Sums sums, int slot) {
        bind();
        long idx = at(index, offset, n);
        at(sums, slot);
        if (n == 0) {
            return;
        }
        long rows = rowScratch.ensure(n);
        launch("n3_rows", rowBlocks(n), formCode(form), p(params), idx, n, params.cols(), weight, p(grad), rows);
        addSum(rows, n, sums, slot);
    }

    @Override
    public void adagrad(Tensor params, Tensor grad, Tensor state, float lr, float eps) {
        bind();
        launch("adagrad", blocksFor(params.size()), p(params), p(grad), p(state), params.size(), lr, eps);
    }

    @Override
    public void adam(Tensor params, Tensor grad, Tensor m, Tensor v, float lr, float beta1, float beta2, float eps,
                     int t) {
        bind();
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        launch("adam", blocksFor(params.size()), p(params), p(grad), p(m), p(v), params.size(), lr, beta1, beta2, eps,
                c1, c2);
    }

    /** Waits until every launched kernel has finished (for timings). */
    public void synchronize() {
        bind();
        driver.synchronize();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        bind();
        closed = true;
        try {
            driver.synchronize();
            rowScratch.release();
            colScratch.release();
            blas.close();
            driver.unloadModule(module);
        } finally {
            driver.releasePrimaryContext(device);
            arena.close();
        }
    }
}
