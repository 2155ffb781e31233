package org.strata.graph.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.ReadOnlyStrategy;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.strata.graph.server.auth.PasswordFileAuthenticator;
import org.strata.graph.server.sandbox.SandboxPlugin;
import org.strata.graph.store.GraphStore;

/**
 * A TinkerPop Gremlin Server, in process, serving one open {@link GraphStore} as traversal source
 * {@code g} (and graph {@code graph}) over websockets, with GraphBinary and GraphSON 3 (both with the
 * JanusGraph IO registry).
 *
 * <p>Safe by default: it binds loopback unless told otherwise; string scripts compile statically
 * against an allow-list ({@link SandboxPlugin}), or are refused altogether; bytecode passes a
 * {@link RequestGuard}; every traversal passes {@link ServerSafetyStrategy}, and
 * {@link ReadOnlyStrategy} when read-only; requests have a size limit and a timeout clients cannot raise;
 * a password file turns on authentication. Closing the server leaves the store open.
 */
public final class StrataServer implements AutoCloseable {

    /** The name of the served traversal source. */
    public static final String TRAVERSAL_SOURCE = "g";
    /** The name of the served graph. */
    public static final String GRAPH = "graph";

    private static final String IO_REGISTRY = "org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry";

    private final GremlinServer server;
    private final ServerParameters parameters;

    private StrataServer(GremlinServer server, ServerParameters parameters) {
        this.server = server;
        this.parameters = parameters;
    }

    /**
     * Starts serving; returns once the server accepts connections.
     *
     * @throws IllegalStateException if the server cannot start (the port is taken, say)
     */
    public static StrataServer start(GraphStore store, ServerParameters p) {
        Graph graph = store.graph();
        List<TraversalStrategy<?>> strategies = new ArrayList<>();
        strategies.add(ServerSafetyStrategy.instance());
        if (p.readOnly()) {
            strategies.add(ReadOnlyStrategy.instance());
        }
        GraphTraversalSource g = graph.traversal().withStrategies(strategies.toArray(TraversalStrategy[]::new));
        String token = "strata-store-" + UUID.randomUUID();
        StoreGraphManager.handOff(token, new StoreGraphManager.Registration(graph, g, p.scriptsEnabled()));
        GremlinServer server = new GremlinServer(settings(p, token));
        try {
            server.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StoreGraphManager.cancel(token);
            throw new IllegalStateException("interrupted while starting the Gremlin Server", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            StoreGraphManager.cancel(token);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot start the Gremlin Server on " + p.host() + ":" + p.port() + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (Exception e) {
            StoreGraphManager.cancel(token);
            throw new IllegalStateException("cannot start the Gremlin Server: " + e.getMessage(), e);
        }
        return new StrataServer(server, p);
    }

    static Settings settings(ServerParameters p, String token) {
        Settings s = new Settings();
        s.host = p.host();
        s.port = p.port();
        s.channelizer = GuardedChannelizer.class.getName();
        s.graphManager = StoreGraphManager.class.getName();
        s.graphs = new LinkedHashMap<>(Map.of(GRAPH, token));
        s.evaluationTimeout = p.evaluationTimeout().toMillis();
        s.maxContentLength = p.maxRequestBytes();
        s.serializers = new ArrayList<>(List.of(
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", Map.of("ioRegistries", List.of(IO_REGISTRY))),
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1", Map.of("serializeResultToString", true)),
                serializer("org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3", Map.of("ioRegistries", List.of(IO_REGISTRY)))));
        s.scriptEngines = new LinkedHashMap<>();
        if (p.scriptsEnabled()) {
            Settings.ScriptEngineSettings groovy = new Settings.ScriptEngineSettings();
            groovy.plugins = new LinkedHashMap<>();
            groovy.plugins.put("org.apache.tinkerpop.gremlin.server.jsr223.GremlinServerGremlinPlugin", Map.of());
            groovy.plugins.put("org.janusgraph.graphdb.tinkerpop.plugin.JanusGraphGremlinPlugin", Map.of());
            groovy.plugins.put("org.apache.tinkerpop.gremlin.groovy.jsr223.GroovyCompilerGremlinPlugin",
                    SandboxPlugin.compilerPluginConfig());
            groovy.plugins.put(SandboxPlugin.class.getName(), Map.of());
            s.scriptEngines.put("gremlin-groovy", groovy);
        }
        if (p.authFile() != null) {
            s.authentication = new Settings.AuthenticationSettings();
            s.authentication.authenticator = PasswordFileAuthenticator.class.getName();
            s.authentication.config = Map.of(PasswordFileAuthenticator.CONFIG_FILE, p.authFile().toAbsolutePath().toString());
        }
        return s;
    }

    private static Settings.SerializerSettings serializer(String className, Map<String, Object> config) {
        Settings.SerializerSettings s = new Settings.SerializerSettings();
        s.className = className;
        s.config = new LinkedHashMap<>(config);
        return s;
    }

    public ServerParameters parameters() {
        return parameters;
    }

    /** The websocket endpoint, e.g. {@code ws://127.0.0.1:8182/gremlin}. */
    public String endpoint() {
        return "ws://" + parameters.host() + ":" + parameters.port() + "/gremlin";
    }

    /** Stops accepting requests and shuts the server down; the store stays open. */
    @Override
    public void close() {
        if (server.getServerGremlinExecutor() != null
                && server.getServerGremlinExecutor().getGraphManager() instanceof StoreGraphManager m) {
            m.rollbackAll();
            m.detach();
        }
        server.stop().join();
    }
}
