package org.strata.graph.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.strata.graph.node.LocalProcess;

/**
 * A local, single-node Apache Cassandra in a JVM of its own, for trying and testing the CQL backend:
 * its configuration, data and log under one folder, both ports chosen free on 127.0.0.1, started with the
 * jamm agent and the module flags Cassandra's own launch scripts pass, ready once it answers CQL.
 * Cassandra 5.0 runs on JDK 11 or 17 only ({@link CassandraJava} finds one); its class path comes from
 * the build ({@link #CLASSPATH_PROPERTY}).
 *
 * <p>The folder records the running node ({@value #STATE_FILE}: process id and ports), so another process
 * can find it and stop it ({@link #find}, {@link #stop}). Data survives a stop: starting again on the same
 * folder reopens it (on the recorded ports, when free). Not thread-safe; one node per folder.
 */
public final class CassandraNode implements AutoCloseable {

    /** The system property naming the file that holds Cassandra's class path (written by the build). */
    public static final String CLASSPATH_PROPERTY = "strata.cassandra.classpath";
    /** The file in the node's folder that records the running node. */
    public static final String STATE_FILE = "node.properties";
    /** The keyspace a store gets when none is named. */
    public static final String DEFAULT_KEYSPACE = "strata";

    private final Path dir;
    private final long pid;
    private final int nativePort;
    private final int storagePort;

    private CassandraNode(Path dir, long pid, int nativePort, int storagePort) {
        this.dir = dir;
        this.pid = pid;
        this.nativePort = nativePort;
        this.storagePort = storagePort;
    }

    /**
     * How to start a node.
     *
     * @param dir       the node's folder (created when missing): configuration, data, log
     * @param classpath Cassandra's class path (jars separated by the path separator)
     * @param java      a JDK 11 or 17 home
     * @param heapMiB   the node's heap
     * @param timeout   how long to wait for CQL before giving up (the node is then stopped)
     */
    public record Settings(Path dir, String classpath, Path java, int heapMiB, Duration timeout) {

        public Settings {
            if (dir == null || classpath == null || java == null || timeout == null) {
                throw new IllegalArgumentException("dir, classpath, java and timeout are required");
            }
            if (heapMiB < 256) {
                throw new IllegalArgumentException("heapMiB must be at least 256, got " + heapMiB);
            }
        }

        /** Settings from the build's class path file and the JDK found on this machine, 1 GiB heap, 180 s. */
        public static Settings of(Path dir) {
            return new Settings(dir, CassandraNode.classpath(), CassandraJava.find(), 1024, Duration.ofSeconds(180));
        }
    }

    /**
     * Starts a node and waits until it answers CQL on 127.0.0.1.
     *
     * @throws IllegalStateException if a node already runs on {@code dir}, or the node exits or does not
     *                               answer in time (its log's last lines in the message)
     */
    public static CassandraNode start(Settings s) {
        Path dir = s.dir().toAbsolutePath().normalize();
        Optional<CassandraNode> running = find(dir);
        if (running.isPresent()) {
            throw new IllegalStateException("a Cassandra node already runs on " + dir + " (process "
                    + running.get().pid + ", CQL port " + running.get().nativePort + ")");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
            int[] ports = ports(dir);
            Files.writeString(dir.resolve("cassandra.yaml"), CassandraConfig.yaml(dir, ports[0], ports[1]),
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("logback.xml"), CassandraConfig.logback(dir), StandardCharsets.UTF_8);
            Path log = dir.resolve("process.log");
            ProcessBuilder pb = new ProcessBuilder(command(s, dir)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            Process p = pb.start();
            CassandraNode node = new CassandraNode(dir, p.pid(), ports[0], ports[1]);
            node.record();
            long deadline = System.nanoTime() + s.timeout().toNanos();
            while (!answers(ports[0])) {
                if (!p.isAlive()) {
                    node.forget();
                    throw new IllegalStateException("Cassandra exited with status " + p.exitValue()
                            + " before it answered CQL; the end of its log (" + dir.resolve("system.log") + "):\n"
                            + CassandraConfig.tail(dir));
                }
                if (System.nanoTime() > deadline) {
                    node.close();
                    throw new IllegalStateException("Cassandra did not answer CQL on 127.0.0.1:" + ports[0] + " within "
                            + s.timeout().toSeconds() + " s (stopped); the end of its log:\n" + CassandraConfig.tail(dir));
                }
                Thread.sleep(200);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cassandra in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Cassandra started", e);
        }
    }

    /** The node running on {@code dir}, if its recorded process is alive. */
    public static Optional<CassandraNode> find(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return LocalProcess.running(d.resolve(STATE_FILE)).map(p -> new CassandraNode(d, Long.parseLong(p.getProperty("pid")),
                Integer.parseInt(p.getProperty("nativePort")), Integer.parseInt(p.getProperty("storagePort"))));
    }

    /**
     * Stops the node running on {@code dir}: asks it to shut down (its commit log is flushed), then, after
     * {@code grace}, ends it. Returns whether a node was running.
     */
    public static boolean stop(Path dir, Duration grace) {
        Optional<CassandraNode> node = find(dir);
        node.ifPresent(n -> n.stop(grace));
        return node.isPresent();
    }

    /** Stops this node, waiting at most {@code grace} for a clean shutdown before ending it. */
    public void stop(Duration grace) {
        LocalProcess.stop(pid, grace, "Cassandra");
        forget();
    }

    /** Stops the node (30 s for a clean shutdown). */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** The node's folder. */
    public Path dir() {
        return dir;
    }

    /** The node's process id. */
    public long pid() {
        return pid;
    }

    /** The CQL (native transport) port on 127.0.0.1. */
    public int nativePort() {
        return nativePort;
    }

    /**
     * The JanusGraph settings of a store in {@code keyspace} on this node, as the lines of a properties
     * file ({@code --store-config}): the CQL backend, no mixed index (names are found through the composite
     * index on exact names; see the README).
     */
    public String storeConfig(String keyspace) {
        if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("keyspace must be lower-case letters, digits and _ (at most 48, "
                    + "starting with a letter), got '" + keyspace + "'");
        }
        return "# A Strata store on the local Cassandra node in " + dir + "\n"
                + "storage.backend=cql\n"
                + "storage.hostname=127.0.0.1\n"
                + "storage.port=" + nativePort + "\n"
                + "storage.cql.keyspace=" + keyspace + "\n"
                + "storage.cql.local-datacenter=" + CassandraConfig.DATACENTER + "\n"
                + "storage.cql.replication-factor=1\n"
                + "schema.default=none\n"
                + "# one machine, one clock: JanusGraph need not wait out clock skew between its instances when\n"
                + "# it claims ids and locks (defaults 300 and 100 ms, for clusters); written at the keyspace's creation\n"
                + "ids.authority.wait-time=" + WAIT_MS + "\n"
                + "storage.lock.wait-time=" + WAIT_MS + "\n";
    }

    /** Milliseconds JanusGraph waits for other instances' clocks when it claims ids and locks on one node. */
    private static final int WAIT_MS = 50;

    /** Cassandra's class path, read from the file {@link #CLASSPATH_PROPERTY} names. */
    public static String classpath() {
        String file = System.getProperty(CLASSPATH_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("no Cassandra class path: the system property " + CLASSPATH_PROPERTY
                    + " must name the file the build writes (cassandra-node/target/cassandra.classpath)");
        }
        Path f = Path.of(file);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("Cassandra's class path file " + f + " is missing: build the "
                    + "cassandra-node module (mvn -pl cassandra-node generate-resources)");
        }
        try {
            return Files.readString(f, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static List<String> command(Settings s, Path dir) {
        String jamm = null;
        for (String entry : s.classpath().split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("jamm-")) {
                jamm = entry;
            }
        }
        if (jamm == null) {
            throw new IllegalStateException("Cassandra's class path holds no jamm jar (its memory meter agent)");
        }
        List<String> c = new ArrayList<>();
        c.add(s.java().resolve("bin").resolve("java").toString());
        c.add("-Xms" + s.heapMiB() + "m");
        c.add("-Xmx" + s.heapMiB() + "m");
        c.add("-XX:+ExitOnOutOfMemoryError");
        c.add("-javaagent:" + jamm);
        c.addAll(CassandraConfig.MODULE_FLAGS);
        c.add("-Djava.security.manager=allow");
        c.add("-Djava.net.preferIPv4Stack=true");
        c.add("-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri());
        c.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
        c.add("-Dcassandra.storagedir=" + dir.resolve("data"));
        c.add("-Dcassandra.logdir=" + dir);
        c.add("-Dcassandra-foreground=yes");
        c.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        c.add("-Dcassandra.ring_delay_ms=0");
        c.add("-Dcassandra.superuser_setup_delay_ms=0");
        c.add("-cp");
        c.add(s.classpath());
        c.add("org.apache.cassandra.service.CassandraDaemon");
        return c;
    }

    /** The recorded ports when both are still free (a restart keeps its address), else two free ones. */
    private static int[] ports(Path dir) throws IOException {
        Path previous = dir.resolve("ports.properties");
        if (Files.isRegularFile(previous)) {
            Properties p = LocalProcess.read(previous);
            int n = Integer.parseInt(p.getProperty("nativePort"));
            int st = Integer.parseInt(p.getProperty("storagePort"));
            if (LocalProcess.free(n) && LocalProcess.free(st)) {
                return new int[] {n, st};
            }
        }
        int[] ports = LocalProcess.twoFreePorts();
        LocalProcess.write(previous, "nativePort=" + ports[0] + "\nstoragePort=" + ports[1] + "\n");
        return ports;
    }

    /** Whether something accepts connections on the port (Cassandra opens CQL last, once started). */
    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void record() throws IOException {
        LocalProcess.write(dir.resolve(STATE_FILE), "pid=" + pid + "\nnativePort=" + nativePort + "\nstoragePort="
                + storagePort + "\n");
    }

    private void forget() {
        LocalProcess.forget(dir.resolve(STATE_FILE));
    }

}
