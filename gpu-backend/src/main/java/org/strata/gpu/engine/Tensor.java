package org.strata.gpu.engine;

/**
 * A row-major matrix of floats that lives where its {@link Engine} computes: in the Java heap for the
 * CPU engine, in device memory for the CUDA engine. Only its engine reads or writes it.
 */
public abstract class Tensor {

    private final int rows;
    private final int cols;

    protected Tensor(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a tensor needs non-negative sizes, got " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    /** Elements, rows times columns. */
    public final long size() {
        return (long) rows * cols;
    }

    /** Bytes the elements take. */
    public final long bytes() {
        return size() * Float.BYTES;
    }
}
