package org.strata.graph.server.auth;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Limits password guessing: after {@value #MAX_FAILURES} failed logins in a row from one address, that
 * address is refused for a lockout that starts at {@code lockout} and doubles with each further lockout (to
 * at most 64 times the first), without checking any password, so an unauthenticated client cannot make
 * the server run PBKDF2 (about 100 ms of CPU each, for known and unknown users alike) without limit. A
 * success clears the address. At most {@value #CONCURRENT} checks run at once across all addresses, so
 * many addresses together cannot occupy every core either.
 *
 * <p>Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final int CONCURRENT = 2;
    private static final int MAX_TRACKED = 100_000;

    private record State(int failures, int lockouts, long lockedUntil) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Semaphore checks = new Semaphore(CONCURRENT, true);
    private final long lockoutMillis;
    private final LongSupplier clock;

    LoginThrottle(long lockoutMillis, LongSupplier clock) {
        this.lockoutMillis = lockoutMillis;
        this.clock = clock;
    }

    /** Why {@code address} may not try now, or {@code null}. */
    String refusal(InetAddress address) {
        State s = states.get(key(address));
        long now = clock.getAsLong();
        if (s != null && s.lockedUntil() > now) {
            long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(s.lockedUntil() - now + 999));
            return "too many failed logins from " + key(address) + "; try again in " + seconds + " s";
        }
        return null;
    }

    /** Runs a password check within the concurrency limit; false when the server is too busy to check now. */
    boolean withPermit(Runnable check) throws InterruptedException {
        if (!checks.tryAcquire(5, TimeUnit.SECONDS)) {
            return false;
        }
        try {
            check.run();
            return true;
        } finally {
            checks.release();
        }
    }

    void failed(InetAddress address) {
        if (states.size() >= MAX_TRACKED) {
            long now = clock.getAsLong();
            states.values().removeIf(s -> s.lockedUntil() < now);
        }
        states.compute(key(address), (k, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            int lockouts = s == null ? 0 : s.lockouts();
            if (failures < MAX_FAILURES) {
                return new State(failures, lockouts, s == null ? 0 : s.lockedUntil());
            }
            long lock = lockoutMillis << Math.min(lockouts, 6);
            return new State(0, lockouts + 1, clock.getAsLong() + lock);
        });
    }

    void succeeded(InetAddress address) {
        states.remove(key(address));
    }

    private static String key(InetAddress address) {
        return address == null ? "unknown address" : address.getHostAddress();
    }
}
