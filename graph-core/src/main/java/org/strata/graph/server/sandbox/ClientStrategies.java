package org.strata.graph.server.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.OptionsStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.PartitionStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.SeedStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.SubgraphStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.optimization.ProductiveByStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.EdgeLabelVerificationStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.LambdaRestrictionStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.ReadOnlyStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.ReservedKeysVerificationStrategy;

/**
 * The traversal strategies a client may add, in bytecode or in a script: they only restrict or decorate
 * what a traversal sees (a subgraph, a partition, a seed, read-only, verifications). Not the ones that
 * load classes by name from their configuration ({@code HaltedTraverserStrategy}), run OLAP
 * ({@code VertexProgramStrategy}) or need lambdas.
 *
 * <p>Scripts name strategies as Gremlin does, {@code g.withStrategies(ReadOnlyStrategy, new
 * SeedStrategy(seed: 7))}; the sandbox rewrites each into {@link #create}, which builds only these.
 */
public final class ClientStrategies {

    private static final Map<String, Class<? extends TraversalStrategy<?>>> ALLOWED = allowed();

    private ClientStrategies() {
    }

    private static Map<String, Class<? extends TraversalStrategy<?>>> allowed() {
        Map<String, Class<? extends TraversalStrategy<?>>> m = new LinkedHashMap<>();
        for (Class<? extends TraversalStrategy<?>> c : java.util.List.<Class<? extends TraversalStrategy<?>>>of(
                SubgraphStrategy.class, PartitionStrategy.class, OptionsStrategy.class, SeedStrategy.class,
                ReadOnlyStrategy.class, ProductiveByStrategy.class, EdgeLabelVerificationStrategy.class,
                ReservedKeysVerificationStrategy.class, LambdaRestrictionStrategy.class)) {
            m.put(c.getSimpleName(), c);
        }
        return Map.copyOf(m);
    }

    /** The simple names of the allowed strategies. */
    public static Set<String> names() {
        return ALLOWED.keySet();
    }

    /** Whether a strategy of this class may be added by a client. */
    public static boolean allows(Class<?> type) {
        return ALLOWED.get(type.getSimpleName()) == type;
    }

    /**
     * The allowed strategy {@code name} with {@code configuration} (its {@code create(Configuration)}), or its
     * single instance when it has no configuration.
     *
     * @throws IllegalArgumentException for a strategy that is not allowed, or a timeout in an OptionsStrategy
     *                                  (the server's timeout is set on the request, never in a script)
     */
    public static TraversalStrategy<?> create(String name, Map<?, ?> configuration) {
        Class<? extends TraversalStrategy<?>> type = ALLOWED.get(name);
        if (type == null) {
            throw new IllegalArgumentException("strategy " + name + " is not allowed on this server (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(ALLOWED.keySet())) + ")");
        }
        Map<String, Object> conf = new LinkedHashMap<>();
        configuration.forEach((k, v) -> conf.put(String.valueOf(k), v));
        if (type == OptionsStrategy.class && (conf.containsKey("evaluationTimeout")
                || conf.containsKey("scriptEvaluationTimeout"))) {
            throw new IllegalArgumentException("a script may not set the evaluation timeout; send it as a request option");
        }
        try {
            if (conf.isEmpty()) {
                try {
                    return (TraversalStrategy<?>) type.getMethod("instance").invoke(null);
                } catch (NoSuchMethodException none) {
                    // configured strategies only
                }
            }
            return (TraversalStrategy<?>) type.getMethod("create", org.apache.commons.configuration2.Configuration.class)
                    .invoke(null, new MapConfiguration(conf));
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException("cannot create " + name + " from " + conf.keySet() + ": "
                    + (cause == null ? e : cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("strategy " + name + " cannot be created here", e);
        }
    }
}
