package org.strata.cli.shell;

import org.strata.graph.config.Option;

/** The options that belong to the command line itself rather than to a module. */
public final class CliOptions {

    /** How long-running work shows progress. */
    public enum Progress { AUTO, BAR, PLAIN, NONE }

    /** The scorers {@code strata eval} can measure. */
    public enum Scorer { FREQUENCY, RULES, EMBEDDING, SPREAD }

    /** Which store a benchmark imports into. */
    public enum Backend { EMBEDDED, CASSANDRA, CASSANDRA_SOLR }

    private CliOptions() {
    }

    public static final Option<Progress> PROGRESS = Option.choice("cli", "progress", Progress.class)
            .description("Progress display: a bar on a terminal (auto), always a bar, plain lines on stderr, or none")
            .defaultValue(Progress.AUTO).build();

    public static final Option<String> JSON = Option.string("cli", "json").label("FILE")
            .description("Also write the result as JSON to this file").build();

    public static final Option<String> OUT = Option.string("cli", "out").label("FILE")
            .description("File to write").build();

    public static final Option<Scorer> SCORER = Option.choice("cli", "scorer", Scorer.class)
            .description("What ranks the candidates: the frequency baseline, rules (--rules), an embedding model "
                    + "(--model) or the spread network (--weights)")
            .defaultValue(Scorer.FREQUENCY).build();

    public static final Option<Integer> TOP = Option.integer("cli", "top").label("N")
            .description("How many of the largest relations to list").defaultValue(10).range(0, 100_000).build();

    public static final Option<String> WORK = Option.string("cli", "work").label("DIR")
            .description("Directory for the benchmark's temporary store (deleted afterwards)")
            .defaultValue("strata-data/bench").build();

    public static final Option<Boolean> PER_RELATION = Option.flag("cli", "per-relation")
            .description("Also print the metrics of each relation's queries (the JSON always holds them)").build();

    public static final Option<Boolean> COMBINE = Option.flag("cli", "combine")
            .description("In 'bench rules': at the last checkpoint, also the table of every aggregation and learned "
                    + "combination of the rules (as 'bench combine' prints it)").build();

    public static final Option<String> CHECKPOINTS = Option.string("cli", "checkpoints").label("S,S,...")
            .description("Learning times in seconds at which the rules so far are evaluated (the anytime curve)")
            .defaultValue("10,30,100").build();

    public static final Option<Backend> BACKEND = Option.choice("cli", "backend", Backend.class)
            .description("The store to measure: the embedded one (BerkeleyJE + Lucene), or JanusGraph's CQL backend "
                    + "on a local Cassandra node started for the benchmark under --work (and stopped after), its names "
                    + "found through composite indexes or, with cassandra-solr, a local Solr node started beside it")
            .defaultValue(Backend.EMBEDDED).build();

    public static final Option<Integer> QUERIES = Option.integer("cli", "queries").label("N")
            .description("Gremlin queries timed per kind").defaultValue(2_000).range(10, 10_000_000).build();

    public static final Option<Integer> IMPORT_REPEAT = Option.integer("cli", "repeat").label("N")
            .description("Times the import N times in the same process, each round into a new store; the last "
                    + "round's store is projected and queried. The first round runs in a fresh JVM whose compiler is "
                    + "still at work; later rounds show the rate of the store's own write path. Not with "
                    + "cassandra-solr (the rounds' stores would share one Solr collection)")
            .defaultValue(1).range(1, 20).build();
}
