package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
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
            print(in, s, store.spec().toString());
        }
        return 0;
    }

    static void print(Invocation in, StoreStats s, String store) {
        in.out().println("Store " + store);
        in.out().println("  entities   " + Format.count(s.entities()));
        in.out().println("  facts      " + Format.count(s.facts()));
        in.out().println("  relations  " + Format.count(s.relations()));
        in.out().println("  degree     mean " + Format.decimal(s.degreeMean(), 1) + ", p50 " + s.degreeP50() + ", p90 "
                + s.degreeP90() + ", p99 " + s.degreeP99() + ", max " + s.degreeMax());
        if (!s.topRelations().isEmpty()) {
            in.out().println("  top relations:");
            for (StoreStats.RelationCount r : s.topRelations()) {
                in.out().printf("    %10s  %s%n", Format.count(r.facts()), r.relation());
            }
        }
    }
}
