package org.strata.graph.solr;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.strata.graph.node.LocalProcess;

/**
 * A local SolrCloud node in a JVM of its own: Solr and the ZooKeeper it registers with, both on 127.0.0.1
 * ports chosen free, their data and log under one folder, Strata's configset uploaded at every start. A
 * store configuration that names it ({@link #searchConfig}) gives every JanusGraph instance of a store the
 * same mixed index: JanusGraph creates one collection per index from the configset.
 *
 * <p>The folder records the running node ({@value #STATE_FILE}: process id and ports), so another process
 * can find it and stop it ({@link #find}, {@link #stop}). Data survives a stop: starting again on the same
 * folder reopens it on the same ports (they are part of every store configuration that names the node).
 * Not thread-safe; one node per folder.
 */
public final class SolrNode implements AutoCloseable {

    /** The system property naming the file that holds Solr's class path (written by the build). */
    public static final String CLASSPATH_PROPERTY = "strata.solr.classpath";
    /** The file in the node's folder that records the running node. */
    public static final String STATE_FILE = "node.properties";
    /** The configset the node uploads and JanusGraph creates its collections from. */
    public static final String CONFIGSET = "strata";
    private static final String MAIN = "org.strata.solrnode.SolrNodeMain";
    private static final String READY = "READY ";

    private final Path dir;
    private final long pid;
    private final int zookeeperPort;
    private final int solrPort;

    private SolrNode(Path dir, long pid, int zookeeperPort, int solrPort) {
        this.dir = dir;
        this.pid = pid;
        this.zookeeperPort = zookeeperPort;
        this.solrPort = solrPort;
    }

    /**
     * How to start a node.
     *
     * @param dir       the node's folder (created when missing): ZooKeeper's and Solr's data, the log
     * @param classpath Solr's class path with the node's main class (entries separated by the path separator)
     * @param java      a JDK home (11 or newer)
     * @param heapMiB   the node's heap
     * @param timeout   how long to wait for the node to serve before giving up (it is then stopped)
     */
    public record Settings(Path dir, String classpath, Path java, int heapMiB, Duration timeout) {

        public Settings {
            if (dir == null || classpath == null || java == null || timeout == null) {
                throw new IllegalArgumentException("dir, classpath, java and timeout are required");
            }
            if (heapMiB < 128) {
                throw new IllegalArgumentException("heapMiB must be at least 128, got " + heapMiB);
            }
        }

        /** Settings from the build's class path file and this JVM's JDK, 512 MiB heap, 120 s. */
        public static Settings of(Path dir) {
            return new Settings(dir, SolrNode.classpath(), Path.of(System.getProperty("java.home")), 512,
                    Duration.ofSeconds(120));
        }
    }

    /**
     * Starts a node and waits until it serves.
     *
     * @throws IllegalStateException if a node already runs on {@code dir}, a recorded port is taken, or the
     *                               node exits or does not serve in time (its log's last lines in the message)
     */
    public static SolrNode start(Settings s) {
        Path dir = s.dir().toAbsolutePath().normalize();
        Optional<SolrNode> running = find(dir);
        if (running.isPresent()) {
            throw new IllegalStateException("a Solr node already runs on " + dir + " (process " + running.get().pid
                    + ", ZooKeeper on 127.0.0.1:" + running.get().zookeeperPort + ")");
        }
        try {
            Files.createDirectories(dir);
            int[] ports = ports(dir);
            Path log = dir.resolve("process.log");
            Files.deleteIfExists(log);
            ProcessBuilder pb = new ProcessBuilder(List.of(s.java().resolve("bin").resolve("java").toString(),
                    "-Xms" + s.heapMiB() + "m", "-Xmx" + s.heapMiB() + "m", "-XX:+ExitOnOutOfMemoryError",
                    "-Djava.net.preferIPv4Stack=true", "-cp", s.classpath(), MAIN, dir.toString(),
                    Integer.toString(ports[0]), Integer.toString(ports[1])))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            Process p = pb.start();
            SolrNode node = new SolrNode(dir, p.pid(), ports[0], ports[1]);
            node.record();
            long deadline = System.nanoTime() + s.timeout().toNanos();
            while (!ready(log)) {
                if (!p.isAlive()) {
                    node.forget();
                    throw new IllegalStateException("Solr exited with status " + p.exitValue() + " before it served; "
                            + "the end of its log (" + log + "):\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    node.close();
                    throw new IllegalStateException("Solr did not serve within " + s.timeout().toSeconds()
                            + " s (stopped); the end of its log (" + log + "):\n" + tail(log));
                }
                Thread.sleep(100);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Solr in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Solr started", e);
        }
    }

    /** The node running on {@code dir}, if its recorded process is alive. */
    public static Optional<SolrNode> find(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return LocalProcess.running(d.resolve(STATE_FILE)).map(p -> new SolrNode(d, Long.parseLong(p.getProperty("pid")),
                Integer.parseInt(p.getProperty("zookeeperPort")), Integer.parseInt(p.getProperty("solrPort"))));
    }

    /**
     * Stops the node running on {@code dir}: asks it to shut down (Solr, then ZooKeeper), then, after
     * {@code grace}, ends it. Returns whether a node was running.
     */
    public static boolean stop(Path dir, Duration grace) {
        Optional<SolrNode> node = find(dir);
        node.ifPresent(n -> n.stop(grace));
        return node.isPresent();
    }

    /** Stops this node, waiting at most {@code grace} for a clean shutdown before ending it. */
    public void stop(Duration grace) {
        LocalProcess.stop(pid, grace, "Solr");
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

    /** ZooKeeper's address with Solr's root, as JanusGraph's {@code index.search.solr.zookeeper-url} takes it. */
    public String zookeeperUrl() {
        return "127.0.0.1:" + zookeeperPort + "/solr";
    }

    /** Solr's base URL. */
    public String solrUrl() {
        return "http://127.0.0.1:" + solrPort + "/solr";
    }

    /**
     * The lines of a store configuration that give its mixed index (Strata's name search) to this node:
     * SolrCloud through ZooKeeper, collections made from Strata's configset, and each update waited for until
     * searches see it (so a name set by an import is found by the next query, as with the embedded store).
     */
    public String searchConfig() {
        return "# name search: the local Solr node in " + dir + ", shared by every JanusGraph instance of the store\n"
                + "index.search.backend=solr\n"
                + "index.search.solr.mode=cloud\n"
                + "index.search.solr.zookeeper-url=" + zookeeperUrl() + "\n"
                + "index.search.solr.configset=" + CONFIGSET + "\n"
                + "index.search.solr.wait-searcher=true\n";
    }

    /** Solr's class path with the node's main class, from the file {@link #CLASSPATH_PROPERTY} names. */
    public static String classpath() {
        String file = System.getProperty(CLASSPATH_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("no Solr class path: the system property " + CLASSPATH_PROPERTY
                    + " must name the file the build writes (solr-node/target/solr.classpath)");
        }
        Path f = Path.of(file);
        Path classes = f.toAbsolutePath().getParent().resolve("classes");
        if (!Files.isRegularFile(f) || !Files.isDirectory(classes)) {
            throw new IllegalStateException("Solr's class path file " + f + " or the node's classes " + classes
                    + " are missing: build the solr-node module (mvn -pl solr-node compile)");
        }
        try {
            return classes + File.pathSeparator + Files.readString(f, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The recorded ports when both are still free (a restart keeps its address), else two free ones. */
    private static int[] ports(Path dir) throws IOException {
        Path previous = dir.resolve("ports.properties");
        if (Files.isRegularFile(previous)) {
            Properties p = LocalProcess.read(previous);
            int zk = Integer.parseInt(p.getProperty("zookeeperPort"));
            int solr = Integer.parseInt(p.getProperty("solrPort"));
            if (!LocalProcess.free(zk) || !LocalProcess.free(solr)) {
                throw new IllegalStateException("the node on " + dir + " served on 127.0.0.1 ports " + zk + " and "
                        + solr + ", which stores name in their configuration, but one of them is taken now");
            }
            return new int[] {zk, solr};
        }
        int[] ports = LocalProcess.twoFreePorts();
        LocalProcess.write(previous, "zookeeperPort=" + ports[0] + "\nsolrPort=" + ports[1] + "\n");
        return ports;
    }

    private static boolean ready(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return false;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(READY)) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private void record() throws IOException {
        LocalProcess.write(dir.resolve(STATE_FILE), "pid=" + pid + "\nzookeeperPort=" + zookeeperPort + "\nsolrPort="
                + solrPort + "\n");
    }

    private void forget() {
        LocalProcess.forget(dir.resolve(STATE_FILE));
    }

}
