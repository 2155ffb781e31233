package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.ImportResult;

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
                GraphOptions.BATCH_SIZE, GraphOptions.WRITERS, org.strata.rules.evolve.EvolveOptions.FUNCTIONAL_MIN_HEADS,
                org.strata.rules.evolve.EvolveOptions.TYPING_OVERLAP, org.strata.llm.LlmOptions.NO_EMBEDDINGS,
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
        String names = in.get(GraphOptions.NAMES);
        ImportRequest request = new ImportRequest(files, in.get(GraphOptions.FORMAT), names == null ? null : Path.of(names),
                in.commandLine(), in.get(GraphOptions.BATCH_SIZE), in.get(GraphOptions.WRITERS));
        try (GraphStore store = in.openStore()) {
            ImportResult r = store.importFacts(request, in.progress());
            print(in, r, store.spec().toString());
        }
        return 0;
    }

    static void print(Invocation in, ImportResult r, String store) {
        in.out().println("Imported " + Format.count(r.lines()) + " lines from " + r.files() + (r.files() == 1 ? " file" : " files")
                + " in " + Format.decimal(r.seconds(), 1) + " s (" + Format.count(Math.round(r.factsPerSecond()))
                + " facts/s) as delta " + r.deltaId());
        in.out().println("  facts:    " + Format.count(r.factsAdded()) + " added, " + Format.count(r.factsConfirmed())
                + " confirmed by a new source, " + Format.count(r.factsUnchanged()) + " unchanged");
        in.out().println("  entities: " + Format.count(r.entitiesAdded()) + " added; names: " + Format.count(r.namesSet())
                + " set, " + Format.count(r.namesConflicting()) + " kept (entity already named)");
        in.out().println("  undo with: strata undo --store " + store + " " + r.deltaId());
    }

    /**
     * Entity and relationship records: all files are read and checked first, then names are resolved
     * against the store and the relationships go through the governance gate as one delta.
     */
    private static int importGraphDoc(Invocation in, List<Path> files) {
        List<org.strata.llm.propose.ProposalBuilder.Sourced> records = new java.util.ArrayList<>();
        for (Path f : files) {
            records.addAll(org.strata.llm.graphdoc.GraphDocReader.read(f));
        }
        try (GraphStore store = in.openStore()) {
            java.util.Set<String> uids = new java.util.HashSet<>();
            org.strata.llm.resolve.EntityResolver resolver = ExtractCommand.resolverFor(store, uids, in);
            org.strata.llm.propose.GraphProposals proposals = new org.strata.llm.propose.ProposalBuilder(resolver, uids,
                    "graphdoc", "").buildSourced(records);
            in.out().println("Read " + records.size() + " graphdoc records from " + files.size()
                    + (files.size() == 1 ? " file" : " files") + "; entities: " + new java.util.TreeMap<>(proposals.resolved()));
            org.strata.graph.store.ChangeSet changes = ExtractCommand.admit(store, proposals, in);
            if (changes.isEmpty()) {
                in.out().println("  nothing to write");
                return 0;
            }
            String delta = store.apply(changes, "import", in.commandLine(), in.progress());
            in.out().println("  written as delta " + delta + ": " + changes.counts());
            in.out().println("  undo with: strata undo --store " + store.spec() + " " + delta);
        }
        return 0;
    }
}
