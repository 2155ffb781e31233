package org.strata.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.gpu.GpuOptions;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionTable;
import org.strata.rules.RulesOptions;

/** {@code strata options}: every option of every module as Markdown, the source of the README's table. */
public final class OptionsCommand implements Command {

    /** The {@code *Options} classes of all modules, in reading order. */
    static final List<Class<?>> OPTION_CLASSES = List.of(GraphOptions.class, RulesOptions.class,
            org.strata.rules.evolve.EvolveOptions.class, org.strata.graph.govern.GateOptions.class,
            org.strata.llm.LlmOptions.class, GpuOptions.class,
            org.strata.rules.local.LocalOptions.class, org.strata.rules.combine.CombineOptions.class,
            org.strata.graph.cassandra.CassandraOptions.class, org.strata.graph.solr.SolrOptions.class,
            CliOptions.class);

    @Override
    public String name() {
        return "options";
    }

    @Override
    public String summary() {
        return "Print every option of every command as Markdown tables, grouped by namespace";
    }

    @Override
    public int run(Invocation in) {
        in.out().print(markdown());
        return 0;
    }

    /** The tables, one per namespace, in declaration order. */
    public static String markdown() {
        Map<String, List<Option<?>>> byNamespace = new LinkedHashMap<>();
        Set<Option<?>> all = new LinkedHashSet<>();
        for (Class<?> c : OPTION_CLASSES) {
            all.addAll(OptionTable.of(c));
        }
        for (Option<?> o : all) {
            byNamespace.computeIfAbsent(o.namespace(), k -> new ArrayList<>()).add(o);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Option<?>>> e : byNamespace.entrySet()) {
            sb.append("**").append(e.getKey()).append("**\n\n").append(OptionTable.markdown(e.getValue())).append('\n');
        }
        return sb.toString();
    }
}
