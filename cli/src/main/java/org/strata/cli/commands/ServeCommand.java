package org.strata.cli.commands;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.strata.cli.Command;
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
                GraphOptions.MAX_REQUEST);
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                store.close();
            } catch (RuntimeException ignored) {
                // the JVM is going down; JanusGraph's own hook may have closed the graph first
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
        stopped.await();
        return 0;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
