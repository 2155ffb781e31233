package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.strata.cli.BundledData;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.projection.Dataset;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreStats;

/**
 * {@code strata quickstart}: the bundled UMLS dataset into the embedded default store, its statistics,
 * the frequency baseline's evaluation, and how to serve and query it. Idempotent: a second run imports
 * nothing new.
 */
public final class QuickstartCommand implements Command {

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "Import the bundled UMLS dataset into the embedded store, show its statistics and a baseline evaluation";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        Path storeDir = Path.of(in.get(GraphOptions.STORE));
        Path data = BundledData.extract("umls", BundledData.UMLS_FILES, dataDirectory(storeDir));
        in.out().println("Strata quickstart: the UMLS knowledge graph (bundled, " + data + ") into the embedded store "
                + storeDir);
        in.out().println();
        in.out().println("1. Import train, valid and test with readable names");
        try (GraphStore store = in.openStore()) {
            ImportRequest request = ImportRequest.of(List.of(data.resolve("train.txt"), data.resolve("valid.txt"),
                    data.resolve("test.txt")), TripleFormat.TSV, data.resolve("entity_names.tsv"),
                    in.commandLine());
            ImportCommand.print(in, store.importFacts(request, in.progress()), store.spec().toString());
            in.out().println();
            in.out().println("2. What the store holds");
            StatsCommand.print(in, StoreStats.of(store.project(in.progress()), 5), store.spec().toString());
            in.out().println();
            in.out().println("3. A Gremlin query on the store: what is a virus?");
            GraphTraversalSource g = store.graph().traversal();
            try {
                List<Object> isa = g.V().has("uid", "virus").out("isa").values("name").order().toList();
                in.out().println("   g.V().has('uid', 'virus').out('isa').values('name')  ->  " + isa);
            } finally {
                g.tx().rollback();
            }
        }
        in.out().println();
        in.out().println("4. The frequency baseline, by the shared evaluation protocol");
        EvalCommand.print(in, EvalCommand.evaluate(Dataset.load(data), CliOptions.Scorer.FREQUENCY,
                GraphOptions.Split.TEST, 0, in.progress()));
        in.out().println();
        String storeFlag = storeDir.equals(Path.of(GraphOptions.STORE.defaultValue())) ? "" : " --store " + storeDir;
        in.out().println("Next:");
        in.out().println("  ./strata serve" + storeFlag + "         # Gremlin Server on ws://127.0.0.1:8182/gremlin (Ctrl-C stops)");
        in.out().println("  then from any TinkerPop client:  g.V().has('name', textContains('virus')).valueMap('uid', 'name')");
        in.out().println("  ./strata history" + storeFlag + "       # the delta log; ./strata undo DELTA_ID reverts one");
        return 0;
    }

    /** The bundled data goes next to the store, under strata-data/datasets when the store is in strata-data. */
    static Path dataDirectory(Path storeDir) {
        Path parent = storeDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("datasets").resolve("umls");
    }
}
