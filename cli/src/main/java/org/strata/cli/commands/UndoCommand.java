package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.UndoResult;

/** {@code strata undo}: revert one delta. */
public final class UndoCommand implements Command {

    @Override
    public String name() {
        return "undo";
    }

    @Override
    public String summary() {
        return "Revert a delta: remove what it added and nothing another delta also asserted";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, CliOptions.PROGRESS);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("DELTA_ID", "The delta to revert (see 'strata history')", 1, 1);
    }

    @Override
    public int run(Invocation in) {
        String delta = in.positionals().get(0);
        try (GraphStore store = in.openStore()) {
            UndoResult r = store.undo(delta, in.commandLine(), in.progress());
            in.out().println("Undid " + r.undoneDeltaId() + " as delta " + r.undoDeltaId() + " in "
                    + Format.decimal(r.seconds(), 1) + " s");
            in.out().println("  facts:    " + Format.count(r.factsRemoved()) + " removed, " + Format.count(r.factsReverted())
                    + " kept (also asserted by another delta)");
            in.out().println("  entities: " + Format.count(r.entitiesRemoved()) + " removed; names: "
                    + Format.count(r.namesCleared()) + " cleared; rules: " + Format.count(r.rulesRemoved()) + " removed");
        }
        return 0;
    }
}
