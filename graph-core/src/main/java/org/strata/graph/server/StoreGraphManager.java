package org.strata.graph.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.script.Bindings;
import javax.script.SimpleBindings;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalSource;
import org.apache.tinkerpop.gremlin.server.GraphManager;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.strata.graph.server.budget.RequestBudgets;
import org.strata.graph.store.ClientWriteRefusedException;
import org.strata.graph.store.GraphStore;

/**
 * The graph manager of a Strata Gremlin Server: it serves the graph of an already open store instead of
 * opening one from a file (BerkeleyJE allows one open handle per directory), and never closes it: the
 * store owns it. Gremlin Server instantiates this class by name with its {@link Settings}; the graph
 * arrives through {@link #handOff}, under the token that {@code settings.graphs} names.
 *
 * <p>It also brackets each request, on the thread that runs it: the memory budget starts and ends, the
 * store learns who writes, and a traversal's commit happens here, so that a write the store's governance
 * refuses reaches the client with the store's own reason rather than JanusGraph's "could not commit".
 */
public final class StoreGraphManager implements GraphManager {

    /** What a server start hands to the manager. */
    record Registration(GraphStore store, TraversalSource source, ServerParameters parameters, RequestBudgets budgets,
                        ClientAttribution attribution) {
        Graph graph() {
            return store.graph();
        }
    }

    private static final Map<String, Registration> PENDING = new ConcurrentHashMap<>();

    private final Map<String, Graph> graphs = new ConcurrentHashMap<>();
    private final Map<String, TraversalSource> sources = new ConcurrentHashMap<>();
    private volatile boolean detached;
    private Registration registration;

    /** Called by Gremlin Server. */
    public StoreGraphManager(Settings settings) {
        settings.graphs.forEach((name, token) -> {
            Registration r = PENDING.remove(token);
            if (r == null) {
                throw new IllegalStateException("no graph was handed off under '" + token + "'; graphs of a Strata "
                        + "server come from an open store, not from files");
            }
            graphs.put(name, r.graph());
            sources.put(StrataServer.TRAVERSAL_SOURCE, r.source());
            registration = r;
        });
    }

    static void handOff(String token, Registration registration) {
        PENDING.put(token, registration);
    }

    static void cancel(String token) {
        PENDING.remove(token);
    }

    Registration registration() {
        return registration;
    }

    @Override
    public void beforeQueryStart(RequestMessage msg) {
        registration.budgets().begin(msg.getRequestId());
        registration.store().attributeClientWrites(registration.attribution().take(msg.getRequestId()));
    }

    /**
     * Ends the request's budget and commits its writes, if any: Gremlin Server calls this just before its
     * own commit of a traversal's transaction (which then finds nothing to do) and after a script's.
     */
    @Override
    public void onQuerySuccess(RequestMessage msg) {
        registration.budgets().end(msg.getRequestId());
        if (!msg.getArgs().containsKey(org.apache.tinkerpop.gremlin.util.Tokens.ARGS_SESSION)) {
            commitAll(); // a session's transaction stays open until the client commits it
        }
    }

    @Override
    public void onQueryError(RequestMessage msg, Throwable error) {
        registration.budgets().end(msg.getRequestId());
    }

    /** Forgets the store's graph so that stopping the server does not close it. */
    void detach() {
        detached = true;
    }

    @Override
    public Set<String> getGraphNames() {
        return detached ? Set.of() : Set.copyOf(graphs.keySet());
    }

    @Override
    public Graph getGraph(String name) {
        return detached ? null : graphs.get(name);
    }

    @Override
    public void putGraph(String name, Graph graph) {
        graphs.put(name, graph);
    }

    @Override
    public Set<String> getTraversalSourceNames() {
        return detached ? Set.of() : Set.copyOf(sources.keySet());
    }

    @Override
    public TraversalSource getTraversalSource(String name) {
        return detached ? null : sources.get(name);
    }

    @Override
    public void putTraversalSource(String name, TraversalSource source) {
        sources.put(name, source);
    }

    @Override
    public TraversalSource removeTraversalSource(String name) {
        return sources.remove(name);
    }

    @Override
    public Bindings getAsBindings() {
        Bindings b = new SimpleBindings();
        graphs.forEach(b::put);
        sources.forEach(b::put);
        return b;
    }

    @Override
    public void rollbackAll() {
        graphs.values().forEach(g -> finish(g, false));
    }

    @Override
    public void rollback(Set<String> names) {
        names.forEach(n -> finish(resolve(n), false));
    }

    @Override
    public void commitAll() {
        graphs.values().forEach(g -> finish(g, true));
    }

    @Override
    public void commit(Set<String> names) {
        names.forEach(n -> finish(resolve(n), true));
    }

    private Graph resolve(String name) {
        Graph g = graphs.get(name);
        if (g == null && sources.get(name) != null) {
            g = sources.get(name).getGraph();
        }
        return g;
    }

    /**
     * Commits or rolls back the calling thread's open transaction on a graph, if it has one. A commit the
     * store refuses throws the store's {@link ClientWriteRefusedException} itself, whatever wraps it.
     */
    private static void finish(Graph g, boolean commit) {
        if (g != null && g.features().graph().supportsTransactions() && g.tx().isOpen()) {
            if (!commit) {
                g.tx().rollback();
                return;
            }
            try {
                g.tx().commit();
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof ClientWriteRefusedException refused) {
                        throw new ClientWriteRefusedException(refused.getMessage());
                    }
                }
                throw e;
            }
        }
    }

    @Override
    public Graph openGraph(String name, Function<String, Graph> supplier) {
        Graph g = graphs.get(name);
        if (g == null) {
            throw new UnsupportedOperationException("a Strata server serves one store; it cannot open graph " + name);
        }
        return g;
    }

    @Override
    public Graph removeGraph(String name) {
        return graphs.remove(name);
    }
}
