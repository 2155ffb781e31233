package org.strata.graph.progress;

/**
 * Receives progress from long-running library work (imports, scans, evaluations).
 *
 * <p>Library code never prints: it reports here, in units a person understands (facts, queries), and
 * the CLI decides how to show it (a progress bar on a terminal, nothing or a summary otherwise).
 * Implementations must be thread-safe: several workers may call {@link #advance(long)} at once.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long total, String unit) {
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void end() {
        }
    };

    /**
     * Starts a task.
     *
     * @param task  what is being done, e.g. "import"
     * @param total how many units there will be, or -1 if unknown
     * @param unit  the unit of work, plural, e.g. "facts"
     */
    void begin(String task, long total, String unit);

    /** Reports that {@code amount} more units are done. */
    void advance(long amount);

    /** Ends the current task (successfully or not). */
    void end();
}
