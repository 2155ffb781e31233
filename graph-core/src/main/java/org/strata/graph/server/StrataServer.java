package org.strata.graph.server;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.ReadOnlyStrategy;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.op.session.SessionOpProcessor;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.strata.graph.server.auth.PasswordFileAuthenticator;
import org.strata.graph.server.budget.RequestBudgets;
import org.strata.graph.server.sandbox.SandboxPlugin;
import org.strata.graph.store.ClientWriteMode;
import org.strata.graph.store.GraphStore;

/**
 * A TinkerPop Gremlin Server, in process, serving one open {@link GraphStore} as traversal source
 * {@code g} (and graph {@code graph}) over websockets, with GraphBinary and GraphSON 3 (both with the
 * JanusGraph IO registry).
 *
 * <p>Safe by default (see {@link ServerParameters}): it binds loopback, and beyond loopback only with
 * authentication and TLS; string scripts compile statically against an allow-list ({@link SandboxPlugin}),
 * or are refused altogether; requests pass a {@link RequestGuard} and browser handshakes an
 * {@link OriginGuard}; every traversal passes {@link ServerSafetyStrategy} and
 * {@link LinearRegexStrategy}; the store is read-only to clients ({@link ReadOnlyStrategy}, and the
 * store's own refusal at commit) unless writes are on, and then each committed transaction is a
 * governed delta; time, request size, memory per request and sessions are limited, time and memory by
 * {@link RequestBudgets} and {@link BudgetCheckStrategy}, which stop a request without interrupting its
 * thread. Closing the server leaves the store open and usable.
 */
public final class StrataServer implements AutoCloseable {

    /** The name of the served traversal source. */
    public static final String TRAVERSAL_SOURCE = "g";
    /** The name of the served graph. */
    public static final String GRAPH = "graph";
    /** How long an idle session lives. */
    static final long SESSION_IDLE_MILLIS = 10 * 60_000L;

    private static final String IO_REGISTRY = "org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry";

    private final GremlinServer server;
    private final ServerParameters parameters;
    private final GraphStore store;
    private final ClientWriteMode previousMode;
    private final RequestBudgets budgets;
    private final InetSocketAddress bound;

    private StrataServer(GremlinServer server, ServerParameters parameters, GraphStore store, ClientWriteMode previousMode,
                         RequestBudgets budgets, InetSocketAddress bound) {
        this.server = server;
        this.parameters = parameters;
        this.store = store;
        this.previousMode = previousMode;
        this.budgets = budgets;
        this.bound = bound;
    }

    /**
     * Starts serving; returns once the server accepts connections. On failure nothing is left running and
     * the store is as it was.
     *
     * @throws IllegalStateException if the server cannot start (the port is taken, say)
     */
    public static StrataServer start(GraphStore store, ServerParameters p) {
        Graph graph = store.graph();
        List<TraversalStrategy<?>> strategies = new ArrayList<>();
        strategies.add(ServerSafetyStrategy.instance());
        strategies.add(LinearRegexStrategy.instance());
        strategies.add(BudgetCheckStrategy.instance());
        if (!p.writes()) {
            strategies.add(ReadOnlyStrategy.instance());
        }
        GraphTraversalSource g = graph.traversal().withStrategies(strategies.toArray(TraversalStrategy[]::new));
        ClientWriteMode previous = store.clientWriteMode();
        store.clientWriteMode(p.writes() ? ClientWriteMode.GOVERNED : ClientWriteMode.READ_ONLY);
        RequestBudgets budgets = new RequestBudgets(p.limits().maxRequestMemory(), p.limits().evaluationTimeout().toMillis());
        String token = "strata-store-" + UUID.randomUUID();
        StoreGraphManager.handOff(token, new StoreGraphManager.Registration(store, g, p, budgets, new ClientAttribution()));
        GremlinServer server = null;
        try {
            server = new GremlinServer(settings(p, token));
            server.start().get(60, TimeUnit.SECONDS);
            return new StrataServer(server, p, store, previous, budgets, boundAddress(server));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(server, store, previous, budgets, token, e, "interrupted while starting the Gremlin Server");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw failed(server, store, previous, budgets, token, cause, "cannot start the Gremlin Server on " + p.host()
                    + ":" + p.port() + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()));
        }
    }

    /** Undoes a start that failed part-way: stops what began, restores the store's mode. */
    private static IllegalStateException failed(GremlinServer server, GraphStore store, ClientWriteMode previous,
                                                RequestBudgets budgets, String token, Throwable cause, String message) {
        StoreGraphManager.cancel(token);
        if (server != null) {
            try {
                // Gremlin Server closes the graphs of its graph manager when it stops: not the store's
                if (server.getServerGremlinExecutor() != null
                        && server.getServerGremlinExecutor().getGraphManager() instanceof StoreGraphManager m) {
                    m.detach();
                }
                server.stop().get(30, TimeUnit.SECONDS);
            } catch (Exception stop) {
                cause.addSuppressed(stop);
            }
        }
        budgets.close();
        store.clientWriteMode(previous);
        return new IllegalStateException(message, cause);
    }

    static Settings settings(ServerParameters p, String token) {
        Settings s = new Settings();
        s.host = p.host();
        s.port = p.port();
        s.channelizer = GuardedChannelizer.class.getName();
        s.graphManager = StoreGraphManager.class.getName();
        s.graphs = new LinkedHashMap<>(Map.of(GRAPH, token));
        // the budget applies the timeout; Gremlin Server's own would interrupt the request's thread, and an
        // interrupt that reaches BerkeleyJE invalidates the embedded store
        s.evaluationTimeout = 0;
        s.maxContentLength = p.limits().maxRequestBytes();
        Settings.ProcessorSettings sessions = new Settings.ProcessorSettings();
        sessions.className = SessionOpProcessor.class.getName();
        sessions.config = new LinkedHashMap<>(Map.of(SessionOpProcessor.CONFIG_SESSION_TIMEOUT, SESSION_IDLE_MILLIS));
        s.processors = new ArrayList<>(List.of(sessions));
        s.serializers = new ArrayList<>(List.of(
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", Map.of("ioRegistries",
                        List.of(IO_REGISTRY))),
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", Map.of("serializeResultToString", true)),
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3", Map.of("ioRegistries",
                        List.of(IO_REGISTRY)))));
        s.scriptEngines = new LinkedHashMap<>();
        if (p.scriptsEnabled()) {
            Settings.ScriptEngineSettings groovy = new Settings.ScriptEngineSettings();
            groovy.plugins = new LinkedHashMap<>();
            // mutable maps: a session's executor adds to the plugin configurations it is given
            groovy.plugins.put("org.apache.tinkerpop.gremlin.server.jsr223.GremlinServerGremlinPlugin", new LinkedHashMap<>());
            groovy.plugins.put("org.janusgraph.graphdb.tinkerpop.plugin.JanusGraphGremlinPlugin", new LinkedHashMap<>());
            groovy.plugins.put("org.apache.tinkerpop.gremlin.groovy.jsr223.GroovyCompilerGremlinPlugin",
                    new LinkedHashMap<>(SandboxPlugin.compilerPluginConfig()));
            groovy.plugins.put(SandboxPlugin.class.getName(), new LinkedHashMap<>());
            s.scriptEngines.put("gremlin-groovy", groovy);
        }
        ServerParameters.Security security = p.security();
        if (security.authFile() != null) {
            s.authentication = new Settings.AuthenticationSettings();
            s.authentication.authenticator = PasswordFileAuthenticator.class.getName();
            s.authentication.config = Map.of(PasswordFileAuthenticator.CONFIG_FILE,
                    security.authFile().toAbsolutePath().toString());
        }
        if (security.tls() != null) {
            s.ssl = new Settings.SslSettings();
            s.ssl.enabled = true;
            s.ssl.overrideSslContext(sslContext(security.tls()));
        }
        return s;
    }

    /** A TLS context from a PEM certificate chain and key, or from a PKCS#12 file. */
    static SslContext sslContext(ServerParameters.Tls tls) {
        try {
            SslContextBuilder builder;
            if (tls.key() != null) {
                builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile(),
                        tls.password() == null ? null : new String(tls.password()));
            } else {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.certificate())) {
                    ks.load(in, tls.password());
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, tls.password());
                builder = SslContextBuilder.forServer(kmf);
            }
            return builder.protocols("TLSv1.3", "TLSv1.2").build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + tls.certificate()
                    + (tls.key() == null ? " (read as PKCS#12; give --tls-key for a PEM pair)" : " with key " + tls.key())
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static Settings.SerializerSettings serializer(String className, Map<String, Object> config) {
        Settings.SerializerSettings s = new Settings.SerializerSettings();
        s.className = className;
        s.config = new LinkedHashMap<>(config);
        return s;
    }

    /** The address of the socket the server listens on, read from the socket itself. */
    private static InetSocketAddress boundAddress(GremlinServer server) {
        try {
            java.lang.reflect.Field f = GremlinServer.class.getDeclaredField("ch");
            f.setAccessible(true);
            Channel ch = (Channel) f.get(server);
            if (ch != null && ch.localAddress() instanceof InetSocketAddress a) {
                return a;
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // an unknown Gremlin Server version: fall back to what was asked for
        }
        return null;
    }

    public ServerParameters parameters() {
        return parameters;
    }

    /** The address and port the server's socket is bound to (as the operating system reports it). */
    public InetSocketAddress boundAddress() {
        return bound != null ? bound : new InetSocketAddress(parameters.host(), parameters.port());
    }

    /** The websocket endpoint, e.g. {@code ws://127.0.0.1:8182/gremlin} ({@code wss://} with TLS). */
    public String endpoint() {
        InetSocketAddress a = boundAddress();
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (parameters.security().tls() == null ? "ws" : "wss") + "://" + host + ":" + a.getPort() + "/gremlin";
    }

    /**
     * Stops accepting requests and shuts the server down, rolling back what requests left open; the store
     * stays open, in the write mode it had before. Each step runs even if an earlier one fails.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            // stop running requests at their next check, so that stopping the server interrupts no thread
            budgets.stopAll("request stopped: the server is stopping", 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (server.getServerGremlinExecutor() != null
                    && server.getServerGremlinExecutor().getGraphManager() instanceof StoreGraphManager m) {
                m.rollbackAll();
                m.detach();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            server.stop().join();
        } catch (RuntimeException e) {
            failure = add(failure, e);
        }
        budgets.close();
        store.clientWriteMode(previousMode);
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException add(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
