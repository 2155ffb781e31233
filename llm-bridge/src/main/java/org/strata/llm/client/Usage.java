package org.strata.llm.client;

import java.util.concurrent.atomic.AtomicLong;

/** Calls, cache hits, retries and tokens, counted across threads. */
public final class Usage {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    void call(long in, long out) {
        calls.incrementAndGet();
        inputTokens.addAndGet(in);
        outputTokens.addAndGet(out);
    }

    void cacheHit() {
        cacheHits.incrementAndGet();
    }

    void retry() {
        retries.incrementAndGet();
    }

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
