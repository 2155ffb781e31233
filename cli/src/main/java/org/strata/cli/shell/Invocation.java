package org.strata.cli.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.RecoveryReport;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * One run of a command: the checked option values, the positional parameters, the output streams and
 * the command line as typed (recorded in deltas).
 */
public final class Invocation implements org.strata.graph.config.OptionValues {

    private final Map<Option<?>, Object> values;
    private final List<String> positionals;
    private final PrintStream out;
    private final PrintStream err;
    private final String commandLine;

    public Invocation(Map<Option<?>, Object> values, List<String> positionals, PrintStream out, PrintStream err,
               String commandLine) {
        this.values = values;
        this.positionals = List.copyOf(positionals);
        this.out = out;
        this.err = err;
        this.commandLine = commandLine;
    }

    /** The value given on the command line, or the option's default (possibly {@code null}). */
    @SuppressWarnings("unchecked")
    @Override
    public <T> T get(Option<T> option) {
        Object v = values.get(option);
        return v == null ? option.defaultValue() : (T) v;
    }

    /** Every value of a repeatable option, in the order given; empty when it was not given. */
    @SuppressWarnings("unchecked")
    public <T> List<T> getAll(Option<T> option) {
        if (!option.isRepeatable()) {
            throw new IllegalArgumentException(option.flag() + " is not repeatable");
        }
        Object v = values.get(option);
        return v == null ? List.of() : List.copyOf((List<T>) v);
    }

    /** The value of an option without a default that this command needs. */
    public <T> T require(Option<T> option, String command) {
        T v = get(option);
        if (v == null) {
            throw new UsageException("strata " + command + " needs " + option.flag() + " " + option.label() + " ("
                    + option.description() + ")");
        }
        return v;
    }

    public boolean isSet(Option<?> option) {
        return values.containsKey(option);
    }

    public List<String> positionals() {
        return positionals;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** The command line as the user typed it, after {@code strata}. */
    public String commandLine() {
        return commandLine;
    }

    /** A progress listener as {@code --progress} asks (a bar only on a terminal by default). */
    public ProgressListener progress() {
        return TerminalProgress.create(get(CliOptions.PROGRESS), err);
    }

    /** The store named by {@code --store} / {@code --store-config}. */
    public StoreSpec storeSpec() {
        String config = get(GraphOptions.STORE_CONFIG);
        return StoreSpec.of(Path.of(get(GraphOptions.STORE)), config == null ? null : Path.of(config));
    }

    /** Opens the store and reports any repair the open did. */
    public GraphStore openStore() {
        GraphStore store = Stores.open(storeSpec());
        RecoveryReport r = store.recovery();
        for (String d : r.rolledBack()) {
            err.println("recovered: rolled back unfinished import " + d + " (its process stopped mid-way; none of it was kept)");
        }
        for (String d : r.completed()) {
            err.println("recovered: completed unfinished undo " + d);
        }
        return store;
    }
}
