package org.strata.cli.commands;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.Option;
import org.strata.graph.solr.SolrNode;
import org.strata.graph.solr.SolrOptions;

/**
 * {@code strata solr start|stop|status}: a local SolrCloud node (Solr and its ZooKeeper) on 127.0.0.1, the
 * search server that every JanusGraph instance of a Cassandra store shares for name search, and the store
 * configuration lines that point a store at it.
 */
public final class SolrCommand implements Command {

    /** The file in the node's folder that holds the store configuration lines. */
    static final String SEARCH_CONFIG = "search.properties";

    @Override
    public String name() {
        return "solr";
    }

    @Override
    public String summary() {
        return "A local Solr node on 127.0.0.1 for name search on a Cassandra store: solr start, stop, status";
    }

    @Override
    public List<Command> subcommands() {
        return List.of(new Start(), new Stop(), new Status());
    }

    @Override
    public int run(Invocation in) {
        throw new IllegalStateException("solr needs a subcommand");
    }

    private static Path dir(Invocation in) {
        return Path.of(in.get(SolrOptions.DIR)).toAbsolutePath().normalize();
    }

    private static void describe(Invocation in, SolrNode node) {
        in.out().println("  Solr on " + node.solrUrl() + ", ZooKeeper on " + node.zookeeperUrl() + " (process "
                + node.pid() + "), data and log in " + node.dir());
        in.out().println("  store configuration lines: " + node.dir().resolve(SEARCH_CONFIG));
        in.out().println("  use them: ./strata cassandra start --solr " + node.dir() + "   (or add them to a new "
                + "store's --store-config file)");
    }

    /** {@code strata solr start}. */
    static final class Start implements Command {

        @Override
        public String name() {
            return "start";
        }

        @Override
        public String summary() {
            return "Start the node in the background and write the store configuration lines for it";
        }

        @Override
        public List<Option<?>> options() {
            return List.of(SolrOptions.DIR, SolrOptions.HEAP);
        }

        @Override
        public int run(Invocation in) throws Exception {
            Path dir = dir(in);
            Optional<SolrNode> running = SolrNode.find(dir);
            SolrNode node;
            if (running.isPresent()) {
                node = running.get();
                in.out().println("Solr already runs on " + dir);
            } else {
                SolrNode.Settings defaults = SolrNode.Settings.of(dir);
                in.err().println("Starting Solr (about 5-10 s) ...");
                node = SolrNode.start(new SolrNode.Settings(dir, defaults.classpath(), defaults.java(),
                        in.get(SolrOptions.HEAP), defaults.timeout()));
                in.out().println("Solr started");
            }
            Files.writeString(dir.resolve(SEARCH_CONFIG), node.searchConfig(), StandardCharsets.UTF_8);
            describe(in, node);
            in.out().println("  stop it: ./strata solr stop" + (dir.equals(Path.of(SolrOptions.DIR.defaultValue())
                    .toAbsolutePath().normalize()) ? "" : " --dir " + dir));
            return 0;
        }
    }

    /** {@code strata solr stop}. */
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
            return List.of(SolrOptions.DIR);
        }

        @Override
        public int run(Invocation in) {
            Path dir = dir(in);
            if (SolrNode.stop(dir, Duration.ofSeconds(60))) {
                in.out().println("Solr on " + dir + " stopped; its data stays there");
                return 0;
            }
            in.out().println("No Solr node runs on " + dir);
            return 1;
        }
    }

    /** {@code strata solr status}. */
    static final class Status implements Command {

        @Override
        public String name() {
            return "status";
        }

        @Override
        public String summary() {
            return "Say whether the node runs, on which ports, and its store configuration lines";
        }

        @Override
        public List<Option<?>> options() {
            return List.of(SolrOptions.DIR);
        }

        @Override
        public int run(Invocation in) {
            Path dir = dir(in);
            Optional<SolrNode> node = SolrNode.find(dir);
            if (node.isEmpty()) {
                in.out().println("No Solr node runs on " + dir + " (start one: ./strata solr start)");
                return 1;
            }
            in.out().println("Solr runs on " + dir);
            describe(in, node.get());
            return 0;
        }
    }
}
