package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;

/** {@code strata rules}: the structural path's rule learning. */
public final class RulesCommand implements Command {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public String summary() {
        return "Learn rules a person can read (rules learn), learn how they combine (rules train); evaluate with eval, apply with predict";
    }

    @Override
    public List<Command> subcommands() {
        return List.of(new RulesLearnCommand(), new RulesTrainCommand());
    }

    @Override
    public int run(Invocation in) {
        throw new IllegalStateException("rules needs a subcommand");
    }
}
