package org.strata.cli.bench;

import java.util.List;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;

/** {@code strata bench}: the benchmark harness. Benchmarks print figures; they are run on purpose, not by the tests. */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Benchmarks that print figures: bench import (store and Gremlin), bench rules (the anytime curve), "
                + "bench train (embeddings), bench engines (an engine against the CPU engine), bench resolve (entity "
                + "resolution), bench local, bench combine, bench gate (triple classification against negatives), "
                + "bench feed (the lifecycle under a noisy feed)";
    }

    @Override
    public List<Command> subcommands() {
        return List.of(new BenchImportCommand(), new BenchRulesCommand(), new BenchTrainCommand(),
                new BenchEnginesCommand(), new BenchResolveCommand(), new BenchLocalCommand(), new BenchCombineCommand(),
                new BenchGateCommand(), new BenchFeedCommand());
    }

    @Override
    public int run(Invocation in) {
        throw new IllegalStateException("bench needs a subcommand");
    }
}
