package org.strata.cli.commands;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.GraphStore;

/** {@code strata history}: the delta log. */
public final class HistoryCommand implements Command {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String summary() {
        return "List the deltas of a store: every import and undo, with what it changed";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG);
    }

    @Override
    public int run(Invocation in) {
        try (GraphStore store = in.openStore()) {
            List<DeltaRecord> deltas = store.history();
            if (deltas.isEmpty()) {
                in.out().println("No deltas: the store " + store.spec() + " is empty.");
                return 0;
            }
            in.out().printf("%-6s %-9s %-7s %-19s %s%n", "DELTA", "STATE", "KIND", "TIME", "CHANGES / COMMAND");
            for (DeltaRecord d : deltas) {
                String target = d.target() == null ? "" : " of " + d.target();
                in.out().printf("%-6s %-9s %-7s %-19s %s%n", d.id(), d.state().name().toLowerCase(), d.kind().label(),
                        TIME.format(d.time()), counts(d.counts()) + target);
                // a Gremlin client's write records who made it, not a command line
                in.out().printf("%-44s %s%s%n", "", d.kind() == org.strata.graph.store.DeltaKind.GREMLIN ? "" : "strata ", d.command());
            }
        }
        return 0;
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
