package org.strata.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.io.TripleWriter;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;

/** {@code strata export}: the store's facts as a triple file: the believed ones, or those in the states asked for. */
public final class ExportCommand implements Command {

    static final Option<String> STATES = Option.string("export", "states").label("S,S,...")
            .description("Which facts to write: believed (STABLE and SOLIDIFIED, what projections see), all, or a list "
                    + "of lifecycle states (CANDIDATE,LEFTOVER,...)").defaultValue("believed").build();

    static final Option<String> NAMES_OUT = Option.string("export", "names-out").label("FILE")
            .description("Also write the entities' names (uid TAB name, what import --names reads), so a move to "
                    + "another store keeps them").build();

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "Write the store's believed facts (or those in --states) to a triple file, sorted (the inverse of import)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, CliOptions.OUT, GraphOptions.FORMAT, STATES,
                NAMES_OUT, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        if (in.get(GraphOptions.FORMAT) == org.strata.graph.io.TripleFormat.GRAPHDOC) {
            throw new UsageException("--format graphdoc is for import only; export writes tsv or jsonl");
        }
        Path out = Path.of(in.require(CliOptions.OUT, name()));
        Set<LifecycleState> states = states(in.get(STATES));
        boolean believed = states.equals(LifecycleState.believedStates());
        try (GraphStore store = in.openStore()) {
            long n;
            if (believed) {
                n = TripleWriter.write(store.project(in.progress()).named(), out, in.get(GraphOptions.FORMAT));
            } else {
                List<FactRecord> facts = store.facts(in.progress()).stream().filter(f -> states.contains(f.state()))
                        .toList();
                n = TripleWriter.write(TripleWriter.Triples.of(facts.size(), i -> facts.get(i).head(),
                        i -> facts.get(i).relation(), i -> facts.get(i).tail()), out, in.get(GraphOptions.FORMAT));
            }
            in.out().println("Exported " + Format.count(n) + " facts (" + (believed ? "believed: " : "")
                    + String.join(", ", states.stream().map(Enum::name).toList()) + ") to " + out);
            String namesOut = in.get(NAMES_OUT);
            if (namesOut != null) {
                writeNames(in, new TreeMap<>(store.names()), Path.of(namesOut));
            }
        }
        return 0;
    }

    /** Writes {@code uid TAB name} lines; tabs and line breaks inside a name become spaces (counted). */
    private static void writeNames(Invocation in, SortedMap<String, String> names, Path file) {
        StringBuilder b = new StringBuilder();
        int flattened = 0;
        for (Map.Entry<String, String> e : names.entrySet()) {
            String name = e.getValue().replaceAll("[\\t\\r\\n]", " ");
            flattened += name.equals(e.getValue()) ? 0 : 1;
            b.append(e.getKey()).append('\t').append(name).append('\n');
        }
        try {
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        in.out().println("Exported " + Format.count(names.size()) + " names to " + file
                + (flattened == 0 ? "" : " (" + flattened + " had tabs or line breaks, written as spaces)"));
    }

    /** The states {@code --states} names: believed, all, or a comma-separated list of states. */
    static Set<LifecycleState> states(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("believed")) {
            return LifecycleState.believedStates();
        }
        if (v.equals("all")) {
            return EnumSet.allOf(LifecycleState.class);
        }
        Set<LifecycleState> out = EnumSet.noneOf(LifecycleState.class);
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                out.add(LifecycleState.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--states " + value + ": '" + part.trim() + "' is no lifecycle state (believed, "
                        + "all, or a list of " + java.util.Arrays.toString(LifecycleState.values()) + ")");
            }
        }
        return out;
    }
}
