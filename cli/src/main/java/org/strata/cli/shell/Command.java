package org.strata.cli.shell;

import java.util.List;
import org.strata.graph.config.Option;

/**
 * One {@code strata} command: its name, a one-line summary, its typed options and positional
 * parameters, its subcommands, and what it does. Help texts are generated from these declarations.
 */
public interface Command {

    /** Positional parameters: a label such as {@code FILE}, a description and how many are allowed. */
    record Positionals(String label, String description, int min, int max) {
    }

    String name();

    /** One line, shown in {@code strata --help}. */
    String summary();

    default List<Option<?>> options() {
        return List.of();
    }

    default Positionals positionals() {
        return null;
    }

    default List<Command> subcommands() {
        return List.of();
    }

    /** Runs the command; returns the process exit code. */
    int run(Invocation in) throws Exception;
}
