package org.strata.cli;

import org.strata.cli.shell.UsageException;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.Command;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.strata.cli.bench.BenchCommand;
import org.strata.cli.commands.CassandraCommand;
import org.strata.cli.commands.SolrCommand;
import org.strata.cli.commands.EvalCommand;
import org.strata.cli.commands.LearnCommand;
import org.strata.cli.commands.AskCommand;
import org.strata.cli.commands.EvolveCommand;
import org.strata.cli.commands.ExtractCommand;
import org.strata.cli.commands.SummaryCommand;
import org.strata.cli.commands.ExportCommand;
import org.strata.cli.commands.HistoryCommand;
import org.strata.cli.commands.ImportCommand;
import org.strata.cli.commands.OptionsCommand;
import org.strata.cli.commands.PasswdCommand;
import org.strata.cli.commands.PredictCommand;
import org.strata.cli.commands.ProposeCommand;
import org.strata.cli.commands.QuickstartCommand;
import org.strata.cli.commands.RulesCommand;
import org.strata.cli.commands.ServeCommand;
import org.strata.cli.commands.StatsCommand;
import org.strata.cli.commands.TrainCommand;
import org.strata.cli.commands.UndoCommand;
import org.strata.graph.config.Option;
import org.strata.graph.io.InputException;
import org.strata.graph.store.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code strata} command. Builds the command tree from the {@link Command} declarations, parses,
 * runs, and turns failures into messages and exit codes: 0 success, 1 failure, 2 bad usage or bad input.
 * The only class that exits the process.
 */
public final class Main {

    public static final String VERSION = "0.1.0";

    private Main() {
    }

    /** Every top-level command, in the order {@code --help} lists them. */
    public static List<Command> commands() {
        return List.of(new QuickstartCommand(), new ImportCommand(), new ExportCommand(), new HistoryCommand(),
                new UndoCommand(), new StatsCommand(), new RulesCommand(), new EvalCommand(), new PredictCommand(),
                new TrainCommand(), new LearnCommand(), new ProposeCommand(), new EvolveCommand(), new SummaryCommand(),
                new ExtractCommand(), new AskCommand(),
                new ServeCommand(), new PasswdCommand(), new CassandraCommand(), new SolrCommand(), new BenchCommand(),
                new OptionsCommand());
    }

    /**
     * netlib BLAS reports through java.util.logging, on stderr, each native BLAS it did not find before
     * it settles on its Java kernels; the engine description names the one in use instead.
     */
    private static final java.util.logging.Logger BLAS_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    public static void main(String[] args) {
        BLAS_LOG.setLevel(java.util.logging.Level.SEVERE);
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        if (backendLost) {
            // JanusGraph's own shutdown hook would retry its closing writes against the lost backend for
            // minutes; the error is printed and the next open of the store repairs what is left
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** Set when a command ended because the store's backend stopped answering. */
    private static volatile boolean backendLost;

    /** Runs a command line; returns the exit code. Never exits. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<CommandSpec, Command> commandOf = new IdentityHashMap<>();
        Map<OptionSpec, Option<?>> optionOf = new IdentityHashMap<>();
        CommandSpec root = CommandSpec.create().name("strata").version("strata " + VERSION)
                .mixinStandardHelpOptions(true);
        root.usageMessage().description("Strata: a structural-intelligence knowledge-graph engine.",
                "Run 'strata COMMAND --help' for the options of a command.");
        CommandLine cli = new CommandLine(root);
        for (Command c : commands()) {
            cli.addSubcommand(c.name(), build(c, commandOf, optionOf));
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            err.println("Try 'strata " + commandPath(e.getCommandLine().getCommandSpec()) + " --help'.");
            return 2;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        Command command = commandOf.get(leaf.commandSpec());
        if (command == null) {
            cli.usage(out);
            return 0;
        }
        if (!command.subcommands().isEmpty()) {
            err.println("error: strata " + command.name() + " needs a subcommand");
            leaf.commandSpec().commandLine().usage(err);
            return 2;
        }
        String commandLine = String.join(" ", args);
        try {
            Map<Option<?>, Object> values = new HashMap<>();
            for (OptionSpec spec : leaf.matchedOptions()) {
                Option<?> option = optionOf.get(spec);
                if (option != null && option.isRepeatable()) {
                    List<Object> all = new ArrayList<>();
                    for (Object raw : (List<?>) spec.getValue()) {
                        all.add(option.parse(String.valueOf(raw)));
                    }
                    values.put(option, all);
                } else if (option != null) {
                    values.put(option, option.isFlag() ? Boolean.TRUE : option.parse(spec.getValue()));
                }
            }
            List<String> positionals = new ArrayList<>();
            for (PositionalParamSpec p : leaf.matchedPositionals()) {
                Object v = p.getValue();
                if (v instanceof List<?> list) {
                    list.forEach(x -> positionals.add(String.valueOf(x)));
                } else if (v != null) {
                    positionals.add(String.valueOf(v));
                }
            }
            return command.run(new Invocation(values, positionals, out, err, commandLine));
        } catch (InputException | UsageException | IllegalArgumentException
                 | org.strata.gpu.engine.EngineUnavailableException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (StoreUnavailableException e) {
            backendLost = true;
            err.println("error: " + e.getMessage());
            debug(e, err);
            return 1;
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            debug(e, err);
            return 1;
        } catch (Exception e) {
            err.println("error: " + e);
            debug(e, err);
            return 1;
        }
    }

    private static void debug(Exception e, PrintStream err) {
        if (System.getenv("STRATA_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set STRATA_DEBUG=1 for the stack trace)");
        }
    }

    private static String commandPath(CommandSpec spec) {
        return spec.qualifiedName().replaceFirst("^strata ?", "");
    }

    /** Text shown as written: picocli reads help text as a format string, where "95 %" is a broken specifier. */
    private static String literal(String text) {
        return text.replace("%", "%%");
    }

    private static CommandLine build(Command c, Map<CommandSpec, Command> commandOf, Map<OptionSpec, Option<?>> optionOf) {
        CommandSpec spec = CommandSpec.create().name(c.name()).mixinStandardHelpOptions(true);
        spec.usageMessage().description(literal(c.summary()));
        for (Option<?> o : c.options()) {
            String description = o.description();
            if (o.defaultValue() != null && !o.isFlag()) {
                description += " (default: " + o.render(o.defaultValue()) + ")";
            }
            OptionSpec.Builder ob = OptionSpec.builder(o.flag()).paramLabel(o.label()).arity(o.isFlag() ? "0" : "1")
                    .description(literal(description));
            if (o.isRepeatable()) {
                ob.type(List.class).auxiliaryTypes(String.class);
            } else {
                ob.type(o.isFlag() ? boolean.class : String.class);
            }
            OptionSpec os = ob.build();
            spec.addOption(os);
            optionOf.put(os, o);
        }
        Command.Positionals p = c.positionals();
        if (p != null) {
            String arity = p.min() + ".." + (p.max() == Integer.MAX_VALUE ? "*" : String.valueOf(p.max()));
            PositionalParamSpec.Builder pb = PositionalParamSpec.builder().paramLabel(p.label()).arity(arity)
                    .description(literal(p.description()));
            if (p.max() > 1) {
                pb.type(List.class).auxiliaryTypes(String.class);
            } else {
                pb.type(String.class);
            }
            spec.addPositional(pb.build());
        }
        CommandLine cl = new CommandLine(spec);
        for (Command sub : c.subcommands()) {
            cl.addSubcommand(sub.name(), build(sub, commandOf, optionOf));
        }
        commandOf.put(spec, c);
        return cl;
    }
}
