package org.strata.gpu.engine;

/**
 * A list of row indices that lives where its {@link Engine} computes: uploaded once (the training
 * queries of an epoch, say), then read by kernels a run at a time, so a batch costs no copy from the
 * host. Only its engine reads it.
 */
public abstract class Indices {

    private final int length;

    protected Indices(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("an index list needs a non-negative length, got " + length);
        }
        this.length = length;
    }

    /** How many indices the list holds. */
    public final int length() {
        return length;
    }

    /** Bytes the indices take. */
    public final long bytes() {
        return (long) length * Integer.BYTES;
    }

    /** Checks that the run {@code [offset, offset + n)} lies inside the list. */
    public final void checkRun(int offset, int n) {
        if (offset < 0 || n < 0 || (long) offset + n > length) {
            throw new IndexOutOfBoundsException("indices " + offset + " to " + ((long) offset + n) + " of a list of "
                    + length);
        }
    }
}
