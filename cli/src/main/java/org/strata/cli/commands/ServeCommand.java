package org.strata.cli.commands;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.server.ServerParameters;
import org.strata.graph.server.StrataServer;
import org.strata.graph.store.GraphStore;

/** {@code strata serve}: a Gremlin Server over a store, until interrupted. */
public final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Serve a store to Gremlin clients (any TinkerPop driver) until Ctrl-C; loopback and sandboxed by default";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, GraphOptions.HOST, GraphOptions.PORT,
                GraphOptions.SCRIPTS, GraphOptions.READ_ONLY, GraphOptions.AUTH, GraphOptions.TIMEOUT,
                GraphOptions.MAX_REQUEST, org.strata.rules.evolve.EvolveOptions.EVOLVE_EVERY,
                org.strata.rules.evolve.EvolveOptions.RESOLUTION, org.strata.rules.evolve.EvolveOptions.LEVEL_FACTOR,
                org.strata.rules.evolve.EvolveOptions.MAX_LEVELS, org.strata.rules.evolve.EvolveOptions.RULE_SECONDS,
                org.strata.rules.evolve.EvolveOptions.RULES_KEPT, org.strata.rules.evolve.EvolveOptions.PROPOSAL_QUERIES,
                org.strata.rules.evolve.EvolveOptions.ADMIT_SCORE, org.strata.rules.evolve.EvolveOptions.TO_STABLE,
                org.strata.rules.evolve.EvolveOptions.TO_SOLIDIFIED,
                org.strata.rules.evolve.EvolveOptions.SOURCES_TO_STABLE,
                org.strata.rules.evolve.EvolveOptions.FUNCTIONAL_MIN_HEADS,
                org.strata.rules.evolve.EvolveOptions.TYPING_OVERLAP,
                org.strata.rules.evolve.EvolveOptions.SHORTCUT_MIN_USES,
                org.strata.rules.evolve.EvolveOptions.SHORTCUTS_PER_RULE, GraphOptions.SEED, GraphOptions.THREADS);
    }

    @Override
    public int run(Invocation in) throws InterruptedException {
        String auth = in.get(GraphOptions.AUTH);
        if (auth != null && !Files.isRegularFile(Path.of(auth))) {
            throw new UsageException("--auth " + auth + " does not exist; create it with 'strata passwd --auth " + auth
                    + " USER'");
        }
        ServerParameters p = new ServerParameters(in.get(GraphOptions.HOST), in.get(GraphOptions.PORT),
                in.get(GraphOptions.SCRIPTS) == GraphOptions.Scripts.ON, in.get(GraphOptions.READ_ONLY),
                auth == null ? null : Path.of(auth), Duration.ofSeconds(in.get(GraphOptions.TIMEOUT)),
                in.get(GraphOptions.MAX_REQUEST) * 1024);
        if (!isLoopback(p.host())) {
            in.err().println("warning: binding " + p.host() + " exposes the store beyond this machine"
                    + (auth == null ? " without authentication (add --auth FILE)" : ""));
        }
        GraphStore store = in.openStore();
        StrataServer server;
        try {
            server = StrataServer.start(store, p);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledExecutorService> evolverRef =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                java.util.concurrent.ScheduledExecutorService evolving = evolverRef.get();
                if (evolving != null) {
                    // let a running cycle finish its step (a half-written delta would be rolled back at the next open)
                    evolving.shutdown();
                    evolving.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                server.close();
                store.close();
            } catch (RuntimeException ignored) {
                // the JVM is going down; JanusGraph's own hook may have closed the graph first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "strata-serve-shutdown"));
        in.out().println("Serving " + store.spec() + " at " + server.endpoint() + " (traversal source 'g', "
                + "GraphBinary and GraphSON 3)");
        in.out().println("  scripts " + (p.scriptsEnabled() ? "on (sandboxed)" : "off") + ", "
                + (p.readOnly() ? "read-only" : "writable") + ", " + (auth == null ? "no authentication" : "authentication required")
                + ", timeout " + p.evaluationTimeout().toSeconds() + " s");
        in.out().println("  try: g.V().hasLabel('Entity').limit(5).valueMap('uid', 'name')   Stop with Ctrl-C.");
        in.out().flush();
        evolverRef.set(scheduleEvolution(in, store));
        stopped.await();
        return 0;
    }

    /**
     * With {@code --evolve-every S}: one evolution cycle every S seconds (the first after S seconds) on the
     * served store, one at a time; Gremlin clients are answered meanwhile and see each step when its delta
     * commits. A failed cycle is reported and leaves the store as it was (its delta is reverted).
     */
    private static java.util.concurrent.ScheduledExecutorService scheduleEvolution(Invocation in, GraphStore store) {
        double every = in.get(org.strata.rules.evolve.EvolveOptions.EVOLVE_EVERY);
        if (every <= 0) {
            return null;
        }
        int threads = RulesLearnCommand.threads(in.get(GraphOptions.THREADS));
        org.strata.rules.evolve.EvolveSettings settings = EvolveCommand.settings(in, threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "strata-evolve-worker");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.ScheduledExecutorService scheduler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "strata-evolve");
                    t.setDaemon(true);
                    return t;
                });
        long periodMs = Math.max(1, Math.round(every * 1000));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long start = System.nanoTime();
                org.strata.rules.evolve.CycleReport r = new org.strata.rules.evolve.EvolutionCycle(store, settings, pool,
                        org.strata.graph.progress.ProgressListener.NONE, in.commandLine()).run(false);
                in.out().println("evolve cycle " + r.cycle() + " committed: " + r.deltas().values().stream()
                        .filter(java.util.Objects::nonNull).toList() + " in " + Format.decimal((System.nanoTime() - start)
                        / 1e9, 1) + " s; gate " + r.gate());
            } catch (RuntimeException e) {
                in.err().println("evolve cycle failed, nothing of it kept: " + e.getMessage());
            }
            in.out().flush();
        }, periodMs, periodMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        in.out().println("  evolving the store every " + Format.decimal(every, 1) + " s");
        in.out().flush();
        return scheduler;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
