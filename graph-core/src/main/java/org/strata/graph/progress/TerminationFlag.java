package org.strata.graph.progress;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running job to stop. Jobs check it once per outer iteration and then stop cleanly, keeping
 * what they have; a deadline stops them the same way. Thread-safe.
 */
public final class TerminationFlag {

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final long deadlineNanos;

    private TerminationFlag(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A flag that only {@link #stop()} sets. */
    public static TerminationFlag running() {
        return new TerminationFlag(Long.MAX_VALUE);
    }

    /** A flag that also trips {@code seconds} from now. */
    public static TerminationFlag withDeadline(double seconds) {
        return new TerminationFlag(System.nanoTime() + (long) (seconds * 1e9));
    }

    /** Asks the job to stop. */
    public void stop() {
        stopped.set(true);
    }

    /** Whether the job should go on. */
    public boolean isRunning() {
        return !stopped.get() && System.nanoTime() < deadlineNanos;
    }
}
