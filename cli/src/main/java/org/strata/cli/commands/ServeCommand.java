package org.strata.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
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
        return "Serve a store to Gremlin clients (any TinkerPop driver) until Ctrl-C; loopback, read-only and sandboxed by default";
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> all = new java.util.ArrayList<>(List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG,
                GraphOptions.HOST, GraphOptions.PORT, GraphOptions.SCRIPTS, GraphOptions.WRITES, GraphOptions.AUTH,
                GraphOptions.TLS_CERT, GraphOptions.TLS_KEY, GraphOptions.TLS_PASSWORD_ENV, GraphOptions.ALLOW_ORIGIN,
                GraphOptions.INSECURE, GraphOptions.TIMEOUT, GraphOptions.MAX_REQUEST, GraphOptions.MAX_REQUEST_MEMORY,
                GraphOptions.MAX_SESSIONS, org.strata.rules.evolve.EvolveOptions.EVOLVE_EVERY));
        all.addAll(org.strata.rules.evolve.EvolveOptions.settingsOptions());
        return all;
    }

    @Override
    public int run(Invocation in) throws InterruptedException {
        ServerParameters p = parameters(in);
        if (!ServerParameters.isLoopback(p.host())) {
            in.err().println("warning: binding " + p.host() + " exposes the store beyond this machine"
                    + (p.security().authFile() == null ? " WITHOUT authentication" : "")
                    + (p.security().tls() == null ? " WITHOUT TLS" : "") + " (--insecure)");
        }
        GraphStore store = in.openStore();
        store.closeOnlyWhenAsked(); // the hook below closes it, after a running evolution cycle has finished
        StrataServer server;
        try {
            server = StrataServer.start(store, p);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Evolution> evolution = new java.util.concurrent.atomic.AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop(server, evolution.get(), store);
            } finally {
                stopped.countDown();
            }
        }, "strata-serve-shutdown"));
        in.out().println("Serving " + store.spec() + " at " + server.endpoint() + " (traversal source 'g', "
                + "GraphBinary and GraphSON 3)");
        in.out().println("  scripts " + (p.scriptsEnabled() ? "on (sandboxed)" : "off") + ", "
                + (p.writes() ? "writes on (each transaction a delta: strata history, strata undo)" : "read-only") + ", "
                + (p.security().authFile() == null ? "no authentication" : "authentication required") + ", "
                + (p.security().tls() == null ? "no TLS" : "TLS") + ", timeout " + p.limits().evaluationTimeout().toSeconds()
                + " s, " + (p.limits().maxRequestMemory() >> 20) + " MiB per request");
        in.out().println("  try: g.V().hasLabel('Entity').limit(5).valueMap('uid', 'name')   Stop with Ctrl-C.");
        in.out().flush();
        evolution.set(scheduleEvolution(in, store));
        stopped.await();
        return 0;
    }

    /** The server's parameters from the command line; every check of ServerParameters applies. */
    static ServerParameters parameters(Invocation in) {
        String auth = in.get(GraphOptions.AUTH);
        if (auth != null && !Files.isRegularFile(Path.of(auth))) {
            throw new UsageException("--auth " + auth + " does not exist; create it with 'strata passwd --auth " + auth
                    + " USER'");
        }
        ServerParameters.Tls tls = null;
        String cert = in.get(GraphOptions.TLS_CERT);
        String key = in.get(GraphOptions.TLS_KEY);
        if (key != null && cert == null) {
            throw new UsageException("--tls-key needs --tls-cert");
        }
        if (cert != null) {
            char[] password = null;
            String passwordEnv = in.get(GraphOptions.TLS_PASSWORD_ENV);
            if (passwordEnv != null) {
                String value = System.getenv(passwordEnv);
                if (value == null) {
                    throw new UsageException("--tls-password-env " + passwordEnv + ": the environment has no such variable");
                }
                password = value.toCharArray();
            }
            tls = new ServerParameters.Tls(Path.of(cert), key == null ? null : Path.of(key), password);
        }
        ServerParameters.Security security = new ServerParameters.Security(auth == null ? null : Path.of(auth), tls,
                in.getAll(GraphOptions.ALLOW_ORIGIN), in.get(GraphOptions.INSECURE));
        ServerParameters.Limits limits = new ServerParameters.Limits(Duration.ofSeconds(in.get(GraphOptions.TIMEOUT)),
                in.get(GraphOptions.MAX_REQUEST) * 1024, (long) in.get(GraphOptions.MAX_REQUEST_MEMORY) << 20,
                in.get(GraphOptions.MAX_SESSIONS));
        return new ServerParameters(in.get(GraphOptions.HOST), in.get(GraphOptions.PORT),
                in.get(GraphOptions.SCRIPTS) == GraphOptions.Scripts.ON, in.get(GraphOptions.WRITES), security, limits);
    }

    /**
     * Stops serving in an order that leaves nothing half-written: the server first (running requests stop,
     * open transactions roll back), then the evolution (a running cycle finishes; see {@link Evolution#stop}),
     * then the store. Each step runs even if an earlier one fails.
     */
    private static void stop(StrataServer server, Evolution evolution, GraphStore store) {
        try {
            server.close();
        } catch (RuntimeException ignored) {
            // the JVM is going down; the store's close below matters more
        } finally {
            try {
                if (evolution != null) {
                    evolution.stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // as above
            } finally {
                try {
                    store.close();
                } catch (RuntimeException ignored) {
                    // JanusGraph's own shutdown hook may have closed the graph first
                }
            }
        }
    }

    /** The scheduler of evolution cycles and the pool they compute in. */
    private record Evolution(java.util.concurrent.ScheduledExecutorService scheduler,
                             java.util.concurrent.ExecutorService pool) {
        /**
         * Starts no new cycle and lets a running one finish, for up to two minutes. It is never interrupted
         * (an interrupt that reaches BerkeleyJE invalidates the store): one still running when the store
         * closes fails, and its delta, left PENDING, is rolled back when the store next opens.
         */
        void stop() throws InterruptedException {
            scheduler.shutdown();
            scheduler.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS);
            pool.shutdown();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * With {@code --evolve-every S}: one evolution cycle every S seconds (the first after S seconds) on the
     * served store, one at a time; Gremlin clients are answered meanwhile and see each step when its delta
     * commits. A failed cycle is reported and leaves the store as it was (its delta is reverted).
     */
    private static Evolution scheduleEvolution(Invocation in, GraphStore store) {
        double every = in.get(org.strata.rules.evolve.EvolveOptions.EVOLVE_EVERY);
        if (every <= 0) {
            return null;
        }
        org.strata.rules.evolve.EvolveSettings settings = org.strata.rules.evolve.EvolveOptions.settings(in);
        int threads = settings.threads();
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
        return new Evolution(scheduler, pool);
    }

}
