package org.strata.cli.commands;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.cassandra.CassandraJava;
import org.strata.graph.cassandra.CassandraNode;
import org.strata.graph.cassandra.CassandraOptions;
import org.strata.graph.config.Option;
import org.strata.graph.solr.SolrNode;

/**
 * {@code strata cassandra start|stop|status}: a local single-node Apache Cassandra on 127.0.0.1 to try
 * the CQL backend, and the store configuration file that points {@code --store-config} at it.
 */
public final class CassandraCommand implements Command {

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public String summary() {
        return "A local Apache Cassandra node on 127.0.0.1 for the CQL backend: cassandra start, stop, status";
    }

    @Override
    public List<Command> subcommands() {
        return List.of(new Start(), new Stop(), new Status());
    }

    @Override
    public int run(Invocation in) {
        throw new IllegalStateException("cassandra needs a subcommand");
    }

    /** The store configuration file for {@code keyspace} on the node in {@code dir}. */
    static Path storeConfig(Path dir, String keyspace) {
        return dir.resolve(keyspace + ".properties");
    }

    private static void describe(Invocation in, CassandraNode node, Path config) {
        in.out().println("  CQL on 127.0.0.1:" + node.nativePort() + " (process " + node.pid() + "), data and log in "
                + node.dir());
        in.out().println("  store configuration: " + config);
        in.out().println("  use it: ./strata import --store-config " + config + " FILE ...   (any command takes "
                + "--store-config)");
    }

    /** {@code strata cassandra start}. */
    static final class Start implements Command {

        @Override
        public String name() {
            return "start";
        }

        @Override
        public String summary() {
            return "Start the node in the background (JDK 17 or 11, found or named by "
                    + CassandraJava.ENV + ") and write a store configuration for it";
        }

        @Override
        public List<Option<?>> options() {
            return List.of(CassandraOptions.DIR, CassandraOptions.KEYSPACE, CassandraOptions.HEAP, CassandraOptions.SOLR);
        }

        @Override
        public int run(Invocation in) throws Exception {
            Path dir = Path.of(in.get(CassandraOptions.DIR)).toAbsolutePath().normalize();
            String keyspace = in.get(CassandraOptions.KEYSPACE);
            String search = "";
            if (in.get(CassandraOptions.SOLR) != null) {
                Path solrDir = Path.of(in.get(CassandraOptions.SOLR)).toAbsolutePath().normalize();
                search = SolrNode.find(solrDir).map(SolrNode::searchConfig).orElseThrow(() -> new IllegalArgumentException(
                        "--solr " + solrDir + ": no Solr node runs there (start one: ./strata solr start --dir "
                        + solrDir + ")"));
            }
            Optional<CassandraNode> running = CassandraNode.find(dir);
            CassandraNode node;
            if (running.isPresent()) {
                node = running.get();
                in.out().println("Cassandra already runs on " + dir);
            } else {
                CassandraNode.Settings s = new CassandraNode.Settings(dir, CassandraNode.classpath(), CassandraJava.find(),
                        in.get(CassandraOptions.HEAP), Duration.ofSeconds(180));
                in.err().println("Starting Cassandra with " + s.java() + " (about 10-30 s) ...");
                node = CassandraNode.start(s);
                in.out().println("Cassandra started");
            }
            Path config = storeConfig(dir, keyspace);
            Files.writeString(config, node.storeConfig(keyspace) + search, StandardCharsets.UTF_8);
            describe(in, node, config);
            in.out().println(search.isEmpty() ? "  name search: composite indexes (exact names, words, prefixes); "
                    + "for full-text search start a Solr node first and pass --solr DIR"
                    : "  name search: the Solr node in " + in.get(CassandraOptions.SOLR)
                    + " (chosen when the keyspace's store is created)");
            in.out().println("  stop it: ./strata cassandra stop" + (dir.equals(Path.of(CassandraOptions.DIR.defaultValue())
                    .toAbsolutePath().normalize()) ? "" : " --dir " + dir));
            return 0;
        }
    }

    /** {@code strata cassandra stop}. */
    static final class Stop implements Command {

        @Override
        public String name() {
            return "stop";
        }

        @Override
        public String summary() {
            return "Stop the node (a clean shutdown, ended after 60 s); its data stays for the next start";
        }

        @Override
        public List<Option<?>> options() {
            return List.of(CassandraOptions.DIR);
        }

        @Override
        public int run(Invocation in) {
            Path dir = Path.of(in.get(CassandraOptions.DIR)).toAbsolutePath().normalize();
            if (CassandraNode.stop(dir, Duration.ofSeconds(60))) {
                in.out().println("Cassandra on " + dir + " stopped; its data stays there");
                return 0;
            }
            in.out().println("No Cassandra node runs on " + dir);
            return 1;
        }
    }

    /** {@code strata cassandra status}. */
    static final class Status implements Command {

        @Override
        public String name() {
            return "status";
        }

        @Override
        public String summary() {
            return "Say whether the node runs, on which port, and its store configuration";
        }

        @Override
        public List<Option<?>> options() {
            return List.of(CassandraOptions.DIR, CassandraOptions.KEYSPACE);
        }

        @Override
        public int run(Invocation in) {
            Path dir = Path.of(in.get(CassandraOptions.DIR)).toAbsolutePath().normalize();
            Optional<CassandraNode> node = CassandraNode.find(dir);
            if (node.isEmpty()) {
                in.out().println("No Cassandra node runs on " + dir + " (start one: ./strata cassandra start)");
                return 1;
            }
            in.out().println("Cassandra runs on " + dir);
            describe(in, node.get(), storeConfig(dir, in.get(CassandraOptions.KEYSPACE)));
            return 0;
        }
    }
}
