package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.FactSource;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.GateOptions;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.Proposal;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.propose.Proposer;
import org.strata.rules.RulesOptions;

/** {@code strata propose}: the new facts a trained model finds most probable; nothing is written. */
public final class ProposeCommand implements Command {

    @Override
    public String name() {
        return "propose";
    }

    @Override
    public String summary() {
        return "List the new facts a trained embedding model finds most probable, with scores; with --admit, send "
                + "them through the governance gate into the store";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GpuOptions.MODEL_FILE, GraphOptions.STORE, GraphOptions.STORE_CONFIG, GraphOptions.DATA,
                GpuOptions.TOP, RulesOptions.RELATION, GateOptions.ADMIT, GateOptions.FUNCTIONAL_MIN_HEADS,
                GateOptions.TYPING_OVERLAP, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        boolean admit = in.get(GateOptions.ADMIT);
        if (admit && in.get(GraphOptions.DATA) != null) {
            throw new UsageException("--admit writes proposals into a store: use --store, not --data");
        }
        EmbeddingModel model = ModelFile.read(Path.of(in.require(GpuOptions.MODEL_FILE, name())));
        try (FactSource source = FactSource.open(in, in.progress())) {
            Projection facts = source.facts();
            int relation = -1;
            String relationName = in.get(RulesOptions.RELATION);
            if (relationName != null) {
                relation = facts.relations().id(relationName);
                if (relation < 0) {
                    throw new UsageException("--relation " + relationName + ": no such relation in "
                            + source.description());
                }
            }
            String proposer = "model " + model.kind().name().toLowerCase(Locale.ROOT) + " dim " + model.dim() + " ("
                    + in.get(GpuOptions.MODEL_FILE) + ")";
            List<Proposal> proposals = new Proposer(model, facts).propose(in.get(GpuOptions.TOP), relation, proposer,
                    in.progress());
            in.out().println("The " + Format.count(proposals.size()) + " most probable new facts by "
                    + model.kind().name().toLowerCase(Locale.ROOT) + " (dim " + model.dim() + "), not in "
                    + source.description()
                    + (admit ? "; sent through the governance gate" : "; proposals only, nothing is written"));
            in.out().printf("  %8s  %s%n", "p", "head  relation  tail");
            for (Proposal p : proposals) {
                in.out().printf("  %8.4f  %s  %s  %s%n", p.score(), name(source, p.head()), p.relation(),
                        name(source, p.tail()));
            }
            if (admit) {
                GraphStore store = source.store();
                Admission.Result r = Admission.of(store, GateOptions.parameters(in), in.progress()).judge(proposals);
                String delta = Admission.write(store, r.changes(), DeltaKind.ADMIT, in.commandLine(), in.progress());
                in.out().println("Gate: " + r.decisionCounts() + (delta == null ? "; nothing to write"
                        : "; written as delta " + delta + " (undo with: strata undo --store " + in.get(GraphOptions.STORE)
                        + " " + delta + ")"));
            }
        }
        return 0;
    }

    /** An entity's display name by its uid in the fact source. */
    private static String name(FactSource source, String uid) {
        int id = source.facts().entities().id(uid);
        return id < 0 ? uid : source.name(id);
    }
}
