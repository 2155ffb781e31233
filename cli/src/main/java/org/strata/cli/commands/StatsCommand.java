package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreStats;

/** {@code strata stats}: what a store holds. */
public final class StatsCommand implements Command {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String summary() {
        return "Count the entities, facts and relations of a store; top relations and degree percentiles";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, CliOptions.TOP, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        try (GraphStore store = in.openStore()) {
            StoreStats s = StoreStats.of(store.project(in.progress()), in.get(CliOptions.TOP));
            ResultPrinter.stats(in, s, store.spec().toString());
        }
        return 0;
    }
}
