package org.strata.graph.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to serve a store over Gremlin.
 *
 * @param host              the address to bind; loopback unless told otherwise
 * @param port              the TCP port
 * @param scriptsEnabled    whether string scripts are accepted (always sandboxed); bytecode always is
 * @param readOnly          whether mutating steps are refused
 * @param authFile          a password file ({@code strata passwd}) to require authentication, or {@code null}
 * @param evaluationTimeout the longest a request may run; clients cannot ask for more
 * @param maxRequestBytes   the largest request accepted
 */
public record ServerParameters(String host, int port, boolean scriptsEnabled, boolean readOnly, Path authFile,
                               Duration evaluationTimeout, int maxRequestBytes) {

    public ServerParameters {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        Objects.requireNonNull(evaluationTimeout, "evaluationTimeout");
        if (evaluationTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("evaluationTimeout must be positive, got " + evaluationTimeout);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + maxRequestBytes);
        }
    }

    /** Loopback, scripts on (sandboxed), writable, no authentication, 30 s timeout, 1 MiB requests. */
    public static ServerParameters defaults(int port) {
        return new ServerParameters("127.0.0.1", port, true, false, null, Duration.ofSeconds(30), 1 << 20);
    }

    public ServerParameters withScripts(boolean enabled) {
        return new ServerParameters(host, port, enabled, readOnly, authFile, evaluationTimeout, maxRequestBytes);
    }

    public ServerParameters withReadOnly(boolean value) {
        return new ServerParameters(host, port, scriptsEnabled, value, authFile, evaluationTimeout, maxRequestBytes);
    }

    public ServerParameters withAuthFile(Path file) {
        return new ServerParameters(host, port, scriptsEnabled, readOnly, file, evaluationTimeout, maxRequestBytes);
    }

    public ServerParameters withEvaluationTimeout(Duration timeout) {
        return new ServerParameters(host, port, scriptsEnabled, readOnly, authFile, timeout, maxRequestBytes);
    }

    public ServerParameters withMaxRequestBytes(int bytes) {
        return new ServerParameters(host, port, scriptsEnabled, readOnly, authFile, evaluationTimeout, bytes);
    }
}
