package org.strata.graph.server.budget;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The memory budget of the requests one Gremlin Server runs: no request may allocate more than a limit,
 * and when the heap is nearly full after a garbage collection, the request that allocated most is stopped.
 *
 * <p>A request is accounted from {@link #begin} to {@link #end} on the thread that runs it, by the bytes the
 * JVM counts as allocated by that thread (HotSpot's per-thread allocation counter): a bound on the memory a
 * request can hold, and on its work, that needs no estimate of object sizes. A watchdog samples the counters
 * every {@value #SAMPLE_MILLIS} ms; scripts also check at every statement ({@link RequestBudget#check}). A
 * request over its budget is interrupted, which stops traversal steps and scripts at their next check, and
 * {@link #stopReason} tells the server why, so that the client is told the reason instead of "timeout".
 *
 * <p>What this cannot stop: a single library call that allocates more than the free heap at once fails
 * with {@link OutOfMemoryError} in its own thread; the sandbox refuses the calls that can do that.
 *
 * <p>Thread-safe.
 */
public final class RequestBudgets implements AutoCloseable {

    static final long SAMPLE_MILLIS = 50;
    /** Heap in use after a collection, as a fraction of the maximum, above which the largest request stops. */
    static final double HEAP_PRESSURE = 0.85;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long limitBytes;
    private final long staleMillis;
    private final Map<Object, RequestBudget.Running> running = new ConcurrentHashMap<>();
    private final Map<Object, String> stopped = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterGc = this::afterGc;

    /**
     * @param limitBytes  the most a request may allocate
     * @param staleMillis how long after its start a request that never ended is forgotten (a safety net)
     */
    public RequestBudgets(long limitBytes, long staleMillis) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("limitBytes must be positive, got " + limitBytes);
        }
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot count the memory a thread allocates; a request budget needs it");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        this.limitBytes = limitBytes;
        this.staleMillis = staleMillis;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-request-budget");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterGc, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** The most one request may allocate, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }

    /** Starts accounting request {@code requestId} on the calling thread. */
    public void begin(Object requestId) {
        RequestBudget.Running r = new RequestBudget.Running(this, Thread.currentThread(), requestId,
                THREADS.getCurrentThreadAllocatedBytes(), limitBytes, System.currentTimeMillis());
        running.put(requestId, r);
        RequestBudget.CURRENT.set(r);
    }

    /** Stops accounting a request; from any thread. */
    public void end(Object requestId) {
        RequestBudget.Running r = running.remove(requestId);
        if (r != null) {
            r.finish();
        }
    }

    /** Why the server stopped {@code requestId}, once (the reason is forgotten when read), or {@code null}. */
    public String stopReason(Object requestId) {
        return stopped.remove(requestId);
    }

    /** How many requests are being accounted now. */
    public int running() {
        return running.size();
    }

    void stopped(RequestBudget.Running r, String reason) {
        stopped.put(r.requestId, reason);
    }

    String overLimit() {
        return "request stopped: it allocated more than " + (limitBytes >> 20) + " MiB, this server's limit per request "
                + "(strata serve --max-request-mib)";
    }

    private void sample() {
        try {
            long now = System.currentTimeMillis();
            for (RequestBudget.Running r : running.values()) {
                if (now - r.startMillis > staleMillis) {
                    running.remove(r.requestId);
                    continue;
                }
                long used = THREADS.getThreadAllocatedBytes(r.thread.threadId()) - r.startBytes;
                if (used > r.limitBytes) {
                    r.stop(overLimit());
                }
            }
            if (stopped.size() > 10_000) {
                stopped.clear(); // reasons nobody asked for: requests whose response never went out
            }
        } catch (RuntimeException e) {
            // keep sampling; a thread that ended between listing and reading is not an error
        }
    }

    private void afterGc(Notification n, Object handback) {
        if (!"com.sun.management.gc.notification".equals(n.getType()) || !(n.getUserData() instanceof CompositeData data)) {
            return;
        }
        var info = com.sun.management.GarbageCollectionNotificationInfo.from(data);
        long used = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            used += u.getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        if (max <= 0 || used < HEAP_PRESSURE * max) {
            return;
        }
        RequestBudget.Running largest = null;
        long most = -1;
        for (RequestBudget.Running r : running.values()) {
            long a = THREADS.getThreadAllocatedBytes(r.thread.threadId()) - r.startBytes;
            if (a > most) {
                most = a;
                largest = r;
            }
        }
        if (largest != null) {
            largest.stop("request stopped: the server's memory was nearly full (" + (used >> 20) + " of " + (max >> 20)
                    + " MiB in use after a collection) and this request had allocated the most (" + (most >> 20) + " MiB)");
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        running.clear();
    }
}
