package org.strata.graph.server.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The budget on real threads and the JVM's real allocation counters: a request that allocates past its
 * limit, one that runs past its time or the shorter time it asked for, and a stop of every request, each
 * ends at its next check with the reason; a request that ended is no longer checked; no thread is
 * interrupted.
 */
class RequestBudgetsTest {

    /** Runs {@code work} as request {@code id} on its own thread, checking the budget at every turn. */
    private static CompletableFuture<String> request(RequestBudgets budgets, String id, Runnable turn) {
        return CompletableFuture.supplyAsync(() -> {
            budgets.begin(id);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline) {
                    turn.run();
                    RequestBudget.check();
                }
                return "ran to the end";
            } catch (RequestStoppedException e) {
                return (e.isTimeout() ? "time: " : "stopped: ") + e.getMessage()
                        + (Thread.currentThread().isInterrupted() ? " (interrupted)" : "");
            } finally {
                budgets.end(id);
            }
        });
    }

    @Test
    void allocatingPastTheLimit_stopsTheRequest() throws Exception {
        try (RequestBudgets budgets = new RequestBudgets(16L << 20, 60_000)) {
            List<byte[]> kept = new ArrayList<>();
            String r = request(budgets, "a", () -> {
                kept.add(new byte[64 * 1024]);
                if (kept.size() > 64) {
                    kept.clear();
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(r.startsWith("stopped: request stopped: it allocated more than 16 MiB"), r);
            assertEquals(r.substring("stopped: ".length()), budgets.stopReason("a"));
            assertNull(budgets.stopReason("a"), "a reason is read once");
            assertEquals(0, budgets.running());
        }
    }

    @Test
    void runningPastItsTime_orTheShorterTimeItAskedFor_stopsTheRequest() throws Exception {
        try (RequestBudgets budgets = new RequestBudgets(1L << 40, 400)) {
            long start = System.nanoTime();
            String r = request(budgets, "slow", Thread::onSpinWait).get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(r.startsWith("time: request stopped: it ran longer than 400 ms"), r);
            assertFalse(r.contains("interrupted"), "the thread was interrupted: " + r);
            assertTrue(seconds < 5, "stopped after " + seconds + " s");
            budgets.askedTimeout("quick", 100);
            String q = request(budgets, "quick", Thread::onSpinWait).get(30, TimeUnit.SECONDS);
            assertTrue(q.contains("longer than 100 ms, the timeout it asked for"), q);
        }
    }

    @Test
    void stopAll_endsEveryRunningRequest_andAnEndedRequestIsNotChecked() throws Exception {
        try (RequestBudgets budgets = new RequestBudgets(1L << 40, 60_000)) {
            CompletableFuture<String> a = request(budgets, "a", Thread::onSpinWait);
            CompletableFuture<String> b = request(budgets, "b", Thread::onSpinWait);
            while (budgets.running() < 2) {
                Thread.sleep(10);
            }
            budgets.stopAll("request stopped: the server is stopping", 10_000);
            assertEquals("stopped: request stopped: the server is stopping", a.get(10, TimeUnit.SECONDS));
            assertEquals("stopped: request stopped: the server is stopping", b.get(10, TimeUnit.SECONDS));
            // a request stopped after its end does not stop the next work on its thread
            CompletableFuture.runAsync(() -> {
                budgets.begin("c");
                budgets.end("c");
                try {
                    budgets.stopAll("late", 0);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                RequestBudget.check();
                budgets.begin("d");
                try {
                    budgets.stopAll("request stopped: now", 0);
                    assertThrows(RequestStoppedException.class, RequestBudget::check, "a running request is stopped");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    budgets.end("d");
                }
            }).get(10, TimeUnit.SECONDS);
        }
    }
}
