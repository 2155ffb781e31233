package org.strata.graph.config;

import org.strata.graph.io.TripleFormat;
import org.strata.graph.store.ImportRequest;

/**
 * The options of graph-core: where the store is, how imports read and write, how the Gremlin Server
 * serves, how evaluations run. The CLI builds its flags, help and the README's options table from these.
 */
public final class GraphOptions {

    /** Whether the Gremlin Server accepts string scripts. */
    public enum Scripts { ON, OFF }

    /** Which split an evaluation ranks. */
    public enum Split { TEST, VALID }

    private GraphOptions() {
    }

    public static final Option<String> STORE = Option.string("store", "store").label("DIR")
            .description("Store directory (embedded JanusGraph: BerkeleyJE + Lucene, nothing to install), or 'inmemory'")
            .defaultValue("strata-data/default").build();

    public static final Option<String> STORE_CONFIG = Option.string("store", "store-config").label("FILE")
            .description("JanusGraph properties file for another backend (Cassandra/ScyllaDB + Elasticsearch); "
                    + "replaces --store")
            .build();

    public static final Option<TripleFormat> FORMAT = Option.choice("import", "format", TripleFormat.class)
            .description("Line format: tsv (head<TAB>relation<TAB>tail), jsonl ({\"head\",\"relation\",\"tail\"}), or, "
                    + "for import only, graphdoc (entity and relationship records, admitted through the gate)")
            .defaultValue(TripleFormat.TSV).build();

    public static final Option<String> NAMES = Option.string("import", "names").label("FILE")
            .description("Readable entity names, one 'id<TAB>name' a line; set on entities that have no name yet")
            .build();

    public static final Option<Integer> BATCH_SIZE = Option.integer("import", "batch-size").label("N")
            .description("Facts written per store transaction").defaultValue(ImportRequest.DEFAULT_BATCH_SIZE)
            .range(1, 1_000_000).build();

    public static final Option<Integer> WRITERS = Option.integer("import", "writers").label("N")
            .description("Parallel writer threads").defaultValue(ImportRequest.DEFAULT_WRITERS).range(1, 64).build();

    public static final Option<String> HOST = Option.string("serve", "host").label("ADDRESS")
            .description("Address the Gremlin Server binds; anything but loopback exposes the store to the network")
            .defaultValue("127.0.0.1").build();

    public static final Option<Integer> PORT = Option.integer("serve", "port").label("PORT")
            .description("Gremlin Server port").defaultValue(8182).range(1, 65535).build();

    public static final Option<Scripts> SCRIPTS = Option.choice("serve", "scripts", Scripts.class)
            .description("Accept Gremlin string scripts (sandboxed: traversals only) or only bytecode")
            .defaultValue(Scripts.ON).build();

    public static final Option<Boolean> WRITES = Option.flag("serve", "writes")
            .description("Let clients write: each committed transaction becomes a delta ('strata history', 'strata "
                    + "undo'); governance properties and vertices stay unwritable. Without it the store is read-only")
            .build();

    public static final Option<String> AUTH = Option.string("serve", "auth").label("FILE")
            .description("Require a username and password from this file (create it with 'strata passwd')").build();

    public static final Option<String> TLS_CERT = Option.string("serve", "tls-cert").label("FILE")
            .description("Serve wss:// with this certificate: a PEM chain (with --tls-key) or a PKCS#12 file").build();

    public static final Option<String> TLS_KEY = Option.string("serve", "tls-key").label("FILE")
            .description("The PEM (PKCS#8) private key of --tls-cert").build();

    public static final Option<String> TLS_PASSWORD_ENV = Option.string("serve", "tls-password-env").label("VAR")
            .description("Environment variable holding the password of the PKCS#12 file or of an encrypted key").build();

    public static final Option<String> ALLOW_ORIGIN = Option.string("serve", "allow-origin").label("ORIGIN")
            .description("Let web pages from this origin (https://app.example.org) connect; repeatable. Other "
                    + "browser origins are refused; drivers are not affected").repeatable()
            .validator(o -> o.endsWith("/") || !o.contains("://") ? "must be scheme://host[:port], without a path" : null)
            .build();

    public static final Option<Boolean> INSECURE = Option.flag("serve", "insecure")
            .description("Allow binding beyond loopback without --auth or without TLS (the store is then open to the "
                    + "network)").build();

    public static final Option<Integer> TIMEOUT = Option.integer("serve", "timeout").label("SECONDS")
            .description("Longest a request may run; clients may ask for less, never more or none").defaultValue(30)
            .range(1, 86_400).build();

    public static final Option<Integer> MAX_REQUEST = Option.integer("serve", "max-request-kib").label("KIB")
            .description("Largest request accepted, in KiB").defaultValue(1024).range(1, 1 << 20).build();

    public static final Option<Integer> MAX_REQUEST_MEMORY = Option.integer("serve", "max-request-mib").label("MIB")
            .description("Most memory one request may allocate (allocated, not held: it bounds the request's work "
                    + "too), in MiB; a request over it is stopped").defaultValue(8192).range(16, 1 << 20).build();

    public static final Option<Integer> MAX_SESSIONS = Option.integer("serve", "max-sessions").label("N")
            .description("Most Gremlin sessions open at once; 0 (the default) turns them off: Gremlin Server interrupts "
                    + "a session's thread when its client disconnects, which can invalidate the embedded store")
            .defaultValue(0).range(0, 10_000).build();

    public static final Option<String> DATA = Option.string("eval", "data").label("DIR")
            .description("Dataset folder holding train.txt, valid.txt and test.txt").build();

    public static final Option<Split> SPLIT = Option.choice("eval", "split", Split.class)
            .description("Which split to rank").defaultValue(Split.TEST).build();

    public static final Option<Long> SEED = Option.longValue("job", "seed").label("N")
            .description("Random seed: a job with a fixed amount of work (such as rule learning with --rounds) "
                    + "gives the same result for the same seed, with any number of threads")
            .defaultValue(42L).build();

    public static final Option<Integer> THREADS = Option.integer("job", "threads").label("N")
            .description("Worker threads; 0 means one per core").defaultValue(0).range(0, 256)
            .build();

    /** An import of {@code files} as the options describe it (format, names file, batch size, writers). */
    public static ImportRequest importRequest(OptionValues values, java.util.List<java.nio.file.Path> files,
                                              String command) {
        String names = values.get(NAMES);
        return new ImportRequest(files, values.get(FORMAT), names == null ? null : java.nio.file.Path.of(names), command,
                values.get(BATCH_SIZE), values.get(WRITERS));
    }

    /** The worker threads {@link #THREADS} asks for: 0 becomes one per core. */
    public static int threads(OptionValues values) {
        int t = values.get(THREADS);
        return t == 0 ? Runtime.getRuntime().availableProcessors() : t;
    }
}
