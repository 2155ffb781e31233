package org.strata.graph.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to serve a store over Gremlin. Safe by default: loopback, scripts sandboxed, read-only, no browser
 * origin, and limits on time, request size, memory and sessions that no client can raise.
 *
 * @param host           the address to bind; loopback unless told otherwise
 * @param port           the TCP port
 * @param scriptsEnabled whether string scripts are accepted (always sandboxed); bytecode always is
 * @param writes         whether clients may write; each committed transaction then becomes a delta
 * @param security       authentication, TLS, allowed browser origins, and the explicit opt-out of the
 *                       network checks
 * @param limits         what one request may use
 */
public record ServerParameters(String host, int port, boolean scriptsEnabled, boolean writes, Security security,
                               Limits limits) {

    /**
     * Who may connect and how.
     *
     * @param authFile       a password file ({@code strata passwd}) to require authentication, or {@code null}
     * @param tls            the server's certificate and key, or {@code null} for plain websockets
     * @param allowedOrigins browser origins ({@code https://app.example.org}) allowed to connect; a websocket
     *                       handshake carrying any other {@code Origin} is refused (drivers send none)
     * @param insecure       allows binding beyond loopback without authentication or without TLS
     */
    public record Security(Path authFile, Tls tls, List<String> allowedOrigins, boolean insecure) {
        public Security {
            allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
            for (String o : allowedOrigins) {
                if (o.isBlank() || o.endsWith("/") || !o.contains("://") && !o.equals("null")) {
                    throw new IllegalArgumentException("an allowed origin is scheme://host[:port] without a path, got '"
                            + o + "'");
                }
            }
        }

        static Security none() {
            return new Security(null, null, List.of(), false);
        }
    }

    /**
     * The server's certificate: a PEM certificate chain with its PEM (PKCS#8) private key, or a PKCS#12
     * file holding both (then {@code key} is null and {@code password} opens it).
     */
    public record Tls(Path certificate, Path key, char[] password) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            if (!Files.isRegularFile(certificate)) {
                throw new IllegalArgumentException("TLS certificate " + certificate + " does not exist");
            }
            if (key != null && !Files.isRegularFile(key)) {
                throw new IllegalArgumentException("TLS key " + key + " does not exist");
            }
        }
    }

    /**
     * @param evaluationTimeout the longest a request may run; clients may ask for less, never more or none
     * @param maxRequestBytes   the largest request accepted
     * @param maxRequestMemory  the most memory one request may allocate, in bytes (allocated, not held: a
     *                          bound on its work as much as on its memory)
     * @param maxSessions       the most sessions open at once; 0 turns sessions off (Gremlin Server interrupts
     *                          a session's thread when its connection closes, which an embedded store cannot take)
     */
    public record Limits(Duration evaluationTimeout, int maxRequestBytes, long maxRequestMemory, int maxSessions) {
        public Limits {
            Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
            if (evaluationTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("evaluationTimeout must be positive, got " + evaluationTimeout);
            }
            if (maxRequestBytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + maxRequestBytes);
            }
            if (maxRequestMemory < (1 << 20)) {
                throw new IllegalArgumentException("maxRequestMemory must be at least 1 MiB, got " + maxRequestMemory);
            }
            if (maxSessions < 0) {
                throw new IllegalArgumentException("maxSessions must be 0 or more, got " + maxSessions);
            }
        }
    }

    public ServerParameters {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(limits, "limits");
        if (!security.insecure() && !isLoopback(host)) {
            if (security.authFile() == null) {
                throw new IllegalArgumentException("binding " + host + " exposes the store beyond this machine without "
                        + "authentication; add --auth FILE (and --tls-cert) or, knowing the risk, --insecure");
            }
            if (security.tls() == null) {
                throw new IllegalArgumentException("binding " + host + " with --auth but without TLS sends passwords "
                        + "across the network in clear text; add --tls-cert (and --tls-key) or, knowing the risk, --insecure");
            }
        }
    }

    /**
     * Loopback, scripts on (sandboxed), read-only, no authentication or TLS, no browser origin, 30 s
     * timeout, 1 MiB requests, 8 GiB of allocation per request, no sessions.
     */
    public static ServerParameters defaults(int port) {
        return new ServerParameters("127.0.0.1", port, true, false, Security.none(),
                new Limits(Duration.ofSeconds(30), 1 << 20, 8L << 30, 0));
    }

    /** Whether {@code host} names this machine only (a loopback address or a name that resolves to one). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public ServerParameters withHost(String value) {
        return new ServerParameters(value, port, scriptsEnabled, writes, security, limits);
    }

    public ServerParameters withScripts(boolean enabled) {
        return new ServerParameters(host, port, enabled, writes, security, limits);
    }

    public ServerParameters withWrites(boolean value) {
        return new ServerParameters(host, port, scriptsEnabled, value, security, limits);
    }

    public ServerParameters withSecurity(Security value) {
        return new ServerParameters(host, port, scriptsEnabled, writes, value, limits);
    }

    public ServerParameters withAuthFile(Path file) {
        return withSecurity(new Security(file, security.tls(), security.allowedOrigins(), security.insecure()));
    }

    public ServerParameters withTls(Tls tls) {
        return withSecurity(new Security(security.authFile(), tls, security.allowedOrigins(), security.insecure()));
    }

    public ServerParameters withAllowedOrigins(List<String> origins) {
        return withSecurity(new Security(security.authFile(), security.tls(), origins, security.insecure()));
    }

    public ServerParameters withLimits(Limits value) {
        return new ServerParameters(host, port, scriptsEnabled, writes, security, value);
    }

    public ServerParameters withEvaluationTimeout(Duration timeout) {
        return withLimits(new Limits(timeout, limits.maxRequestBytes(), limits.maxRequestMemory(), limits.maxSessions()));
    }

    public ServerParameters withMaxRequestBytes(int bytes) {
        return withLimits(new Limits(limits.evaluationTimeout(), bytes, limits.maxRequestMemory(), limits.maxSessions()));
    }

    public ServerParameters withMaxRequestMemory(long bytes) {
        return withLimits(new Limits(limits.evaluationTimeout(), limits.maxRequestBytes(), bytes, limits.maxSessions()));
    }

    public ServerParameters withMaxSessions(int sessions) {
        return withLimits(new Limits(limits.evaluationTimeout(), limits.maxRequestBytes(), limits.maxRequestMemory(),
                sessions));
    }
}
