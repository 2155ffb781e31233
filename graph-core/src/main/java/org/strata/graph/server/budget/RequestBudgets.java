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
 * The time and memory budget of the requests one Gremlin Server runs. A request is accounted from
 * {@link #begin} to {@link #end} on the thread that runs it: it may run no longer than its timeout (the
 * server's, or a shorter one the client asked for), and allocate no more than a limit, counted by the JVM's
 * per-thread allocation counter (a bound on what it can hold and on its work, with no estimate of object
 * sizes); when the heap is nearly full after a garbage collection, the request that allocated most is
 * stopped too.
 *
 * <p>A watchdog samples every {@value #SAMPLE_MILLIS} ms and marks the requests to stop; each request
 * ends itself at its next {@link RequestBudget#check}, with a {@link RequestStoppedException} that names
 * the reason, and {@link #stopReason} tells the server the reason for its answer. Nothing is interrupted.
 *
 * <p>What this cannot stop: work inside one library call that never returns to a check, and a single
 * allocation larger than the free heap (which fails with {@link OutOfMemoryError} in its own thread); the
 * sandbox refuses the calls that can do either.
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
    private final long timeoutMillis;
    private final Map<Object, RequestBudget.Running> running = new ConcurrentHashMap<>();
    private final Map<Object, Long> askedTimeouts = new ConcurrentHashMap<>();
    private final Map<Object, RequestBudget.Running> stopped = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener afterGc = this::afterGc;

    /**
     * @param limitBytes    the most a request may allocate
     * @param timeoutMillis the longest a request may run
     */
    public RequestBudgets(long limitBytes, long timeoutMillis) {
        if (limitBytes < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("limits must be positive, got " + limitBytes + " bytes, " + timeoutMillis
                    + " ms");
        }
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot count the memory a thread allocates; a request budget needs it");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        this.limitBytes = limitBytes;
        this.timeoutMillis = timeoutMillis;
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

    /** The longest a request may run, in milliseconds. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Records that the client asked for a shorter timeout for {@code requestId} (checked against the limit already). */
    public void askedTimeout(Object requestId, long millis) {
        if (askedTimeouts.size() > 10_000) {
            askedTimeouts.clear(); // requests that never ran
        }
        askedTimeouts.put(requestId, Math.min(millis, timeoutMillis));
    }

    /** Starts accounting request {@code requestId} on the calling thread. */
    public void begin(Object requestId) {
        Long asked = askedTimeouts.remove(requestId);
        RequestBudget.Running r = new RequestBudget.Running(this, Thread.currentThread(), requestId,
                THREADS.getCurrentThreadAllocatedBytes(), limitBytes, System.currentTimeMillis(),
                asked == null ? timeoutMillis : asked);
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

    /** Why the server stopped {@code requestId}, once (forgotten when read), or {@code null}. */
    public String stopReason(Object requestId) {
        RequestBudget.Running r = stopped.remove(requestId);
        return r == null ? null : r.stopReason;
    }

    /** Whether the server stopped {@code requestId} for time (rather than memory or shutdown); read before {@link #stopReason}. */
    public boolean stoppedForTime(Object requestId) {
        RequestBudget.Running r = stopped.get(requestId);
        return r != null && r.kind == RequestBudget.StopKind.TIMEOUT;
    }

    /** How many requests are being accounted now. */
    public int running() {
        return running.size();
    }

    /** Stops every running request (they end at their next check) and waits up to {@code millis} for them. */
    public void stopAll(String reason, long millis) throws InterruptedException {
        for (RequestBudget.Running r : running.values()) {
            r.stop(reason, RequestBudget.StopKind.SHUTDOWN);
        }
        long deadline = System.currentTimeMillis() + millis;
        while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    void stopped(RequestBudget.Running r) {
        if (stopped.size() > 10_000) {
            stopped.clear(); // reasons nobody asked for: requests whose answer never went out
        }
        stopped.put(r.requestId, r);
    }

    String overLimit() {
        return "request stopped: it allocated more than " + (limitBytes >> 20) + " MiB, this server's limit per request "
                + "(strata serve --max-request-mib)";
    }

    private void sample() {
        try {
            long now = System.currentTimeMillis();
            for (RequestBudget.Running r : running.values()) {
                if (now - r.startMillis > r.timeoutMillis) {
                    r.stop("request stopped: it ran longer than " + r.timeoutMillis + " ms"
                            + (r.timeoutMillis < timeoutMillis ? ", the timeout it asked for"
                            : ", this server's limit (strata serve --timeout)"), RequestBudget.StopKind.TIMEOUT);
                } else if (r.allocated() > r.limitBytes) {
                    r.stop(overLimit(), RequestBudget.StopKind.MEMORY);
                }
                if (now - r.startMillis > r.timeoutMillis + 600_000) {
                    running.remove(r.requestId); // a safety net: a request that never reported its end
                }
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
            long a = r.allocated();
            if (a > most) {
                most = a;
                largest = r;
            }
        }
        if (largest != null) {
            largest.stop("request stopped: the server's memory was nearly full (" + (used >> 20) + " of " + (max >> 20)
                    + " MiB in use after a collection) and this request had allocated the most (" + (most >> 20) + " MiB)",
                    RequestBudget.StopKind.MEMORY);
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
