package org.strata.llm.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls, cache hits, retries and tokens, counted across threads, in total and per stage (the name a
 * caller gives each request: "extract", "repair", "judge", "answer").
 */
public final class Usage {

    /** The counts of one stage (or of all of them). */
    public static final class Counts {
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong cacheHits = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicLong inputTokens = new AtomicLong();
        private final AtomicLong outputTokens = new AtomicLong();

        public long calls() {
            return calls.get();
        }

        public long cacheHits() {
            return cacheHits.get();
        }

        public long retries() {
            return retries.get();
        }

        public long inputTokens() {
            return inputTokens.get();
        }

        public long outputTokens() {
            return outputTokens.get();
        }

        @Override
        public String toString() {
            return calls() + " calls (" + retries() + " retries), " + cacheHits() + " cache hits, " + inputTokens()
                    + " input and " + outputTokens() + " output tokens";
        }
    }

    private final Counts total = new Counts();
    private final Map<String, Counts> byStage = new ConcurrentHashMap<>();

    private Counts stage(String stage) {
        return byStage.computeIfAbsent(stage, s -> new Counts());
    }

    void call(String stage, long in, long out) {
        for (Counts c : new Counts[] {total, stage(stage)}) {
            c.calls.incrementAndGet();
            c.inputTokens.addAndGet(in);
            c.outputTokens.addAndGet(out);
        }
    }

    void cacheHit(String stage) {
        total.cacheHits.incrementAndGet();
        stage(stage).cacheHits.incrementAndGet();
    }

    void retry(String stage) {
        total.retries.incrementAndGet();
        stage(stage).retries.incrementAndGet();
    }

    /** The counts per stage, by stage name. */
    public Map<String, Counts> byStage() {
        return new TreeMap<>(byStage);
    }

    public long calls() {
        return total.calls();
    }

    public long cacheHits() {
        return total.cacheHits();
    }

    public long retries() {
        return total.retries();
    }

    public long inputTokens() {
        return total.inputTokens();
    }

    public long outputTokens() {
        return total.outputTokens();
    }

    /** The totals. */
    @Override
    public String toString() {
        return total.toString();
    }

    /** One line per stage: "  extract: 3 calls (0 retries), ...". */
    public String perStage(String indent) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Counts> e : byStage().entrySet()) {
            sb.append(indent).append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}
