package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.io.TripleWriter;
import org.strata.graph.store.GraphStore;

/** {@code strata export}: the store's facts as a triple file. */
public final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "Write every fact of a store to a triple file, sorted (the inverse of import)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, CliOptions.OUT, GraphOptions.FORMAT,
                CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        if (in.get(GraphOptions.FORMAT) == org.strata.graph.io.TripleFormat.GRAPHDOC) {
            throw new UsageException("--format graphdoc is for import only; export writes tsv or jsonl");
        }
        Path out = Path.of(in.require(CliOptions.OUT, name()));
        try (GraphStore store = in.openStore()) {
            long n = TripleWriter.write(store.project(in.progress()).named(), out, in.get(GraphOptions.FORMAT));
            in.out().println("Exported " + Format.count(n) + " facts to " + out);
        }
        return 0;
    }
}
