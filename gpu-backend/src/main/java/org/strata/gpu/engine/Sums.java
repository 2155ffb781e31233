package org.strata.gpu.engine;

/**
 * A few double-precision accumulators that live where their {@link Engine} computes. Kernels that
 * return a number (a loss, a regulariser) add it to a slot instead, so training does not wait for
 * the device after every batch; the trainer reads the slots once an epoch ({@link Engine#read}).
 */
public abstract class Sums {

    private final int slots;

    protected Sums(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("sums need at least one slot, got " + slots);
        }
        this.slots = slots;
    }

    /** How many accumulators there are. */
    public final int slots() {
        return slots;
    }

    /** Checks that {@code slot} is one of them. */
    public final void checkSlot(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + slots + " sums");
        }
    }
}
