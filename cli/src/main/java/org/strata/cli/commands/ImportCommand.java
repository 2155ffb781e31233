package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.ImportResult;
import org.strata.graph.govern.GateOptions;
import org.strata.llm.LlmOptions;
import org.strata.llm.job.GraphDocImportJob;
import org.strata.cli.print.ResultPrinter;
import java.util.TreeMap;

/** {@code strata import}: triple files into the store, as one undoable delta. */
public final class ImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "Import triple files (TSV or JSONL) into a store as one undoable delta, with provenance";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, GraphOptions.FORMAT, GraphOptions.NAMES,
                GraphOptions.BATCH_SIZE, GraphOptions.WRITERS, GateOptions.FUNCTIONAL_MIN_HEADS,
                GateOptions.TYPING_OVERLAP, LlmOptions.NO_EMBEDDINGS,
                CliOptions.PROGRESS);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("FILE", "Triple files, read in order; all are checked before anything is written", 1,
                Integer.MAX_VALUE);
    }

    @Override
    public int run(Invocation in) {
        List<Path> files = in.positionals().stream().map(Path::of).toList();
        if (in.get(GraphOptions.FORMAT) == org.strata.graph.io.TripleFormat.GRAPHDOC) {
            return importGraphDoc(in, files);
        }
        ImportRequest request = GraphOptions.importRequest(in, files, in.commandLine());
        try (GraphStore store = in.openStore()) {
            ImportResult r = store.importFacts(request, in.progress());
            ResultPrinter.imported(in, r, store.spec().toString());
        }
        return 0;
    }

    /**
     * Entity and relationship records: all files are read and checked first, then names are resolved
     * against the store and the relationships go through the governance gate as one delta.
     */
    private static int importGraphDoc(Invocation in, List<Path> files) {
        try (GraphStore store = in.openStore()) {
            GraphDocImportJob.Result r = GraphDocImportJob.run(store, files, !in.get(LlmOptions.NO_EMBEDDINGS),
                    GateOptions.parameters(in), in.commandLine(), in.progress());
            in.out().println("Read " + r.records() + " graphdoc records from " + files.size()
                    + (files.size() == 1 ? " file" : " files") + "; entities: " + new TreeMap<>(r.proposals().resolved()));
            in.out().println("  gate: " + r.admission().decisionCounts() + " of " + r.proposals().proposals().size()
                    + " proposed facts");
            if (r.deltaId() == null) {
                in.out().println("  nothing to write");
                return 0;
            }
            in.out().println("  written as delta " + r.deltaId() + ": " + r.admission().changes().counts());
            in.out().println("  undo with: strata undo --store " + store.spec() + " " + r.deltaId());
        }
        return 0;
    }
}
