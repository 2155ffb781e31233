package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.List;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.FactSource;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Projection;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;
import org.strata.gpu.propose.Proposal;
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
                GpuOptions.TOP, RulesOptions.RELATION, org.strata.rules.evolve.EvolveOptions.ADMIT,
                org.strata.rules.evolve.EvolveOptions.FUNCTIONAL_MIN_HEADS,
                org.strata.rules.evolve.EvolveOptions.TYPING_OVERLAP, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        boolean admit = in.get(org.strata.rules.evolve.EvolveOptions.ADMIT);
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
            int top = in.get(GpuOptions.TOP);
            List<Proposal> proposals = new Proposer(model, facts).propose(top, relation, in.progress());
            in.out().println("The " + Format.count(proposals.size()) + " most probable new facts by " + model.kind().name()
                    .toLowerCase() + " (dim " + model.dim() + "), not in " + source.description()
                    + (admit ? "; sent through the governance gate" : "; proposals only, nothing is written"));
            in.out().printf("  %8s  %s%n", "p", "head  relation  tail");
            for (Proposal p : proposals) {
                in.out().printf("  %8.4f  %s  %s  %s%n", p.score(), source.name(p.head()),
                        facts.relations().name(p.relation()), source.name(p.tail()));
            }
            if (admit) {
                admit(in, source, model, proposals);
            }
        }
        return 0;
    }

    /** The proposals through the gate, written as one delta of kind {@code admit}. */
    private static void admit(Invocation in, FactSource source, EmbeddingModel model, List<Proposal> proposals) {
        org.strata.graph.store.GraphStore store = source.store();
        Projection facts = source.facts();
        String proposer = "model " + model.kind().name().toLowerCase() + " dim " + model.dim() + " ("
                + in.get(GpuOptions.MODEL_FILE) + ")";
        org.strata.rules.evolve.Gate gate = new org.strata.rules.evolve.Gate(store.facts(in.progress()),
                in.get(org.strata.rules.evolve.EvolveOptions.FUNCTIONAL_MIN_HEADS),
                in.get(org.strata.rules.evolve.EvolveOptions.TYPING_OVERLAP));
        List<org.strata.rules.evolve.Gate.Verdict> verdicts = new java.util.ArrayList<>();
        java.util.Map<String, Long> decisions = new java.util.TreeMap<>();
        for (Proposal p : proposals) {
            org.strata.rules.evolve.Gate.Verdict v = gate.judge(new org.strata.graph.store.Proposal(
                    facts.entities().name(p.head()), facts.relations().name(p.relation()), facts.entities().name(p.tail()),
                    p.score(), proposer, null));
            verdicts.add(v);
            decisions.merge(v.decision().name().toLowerCase(), 1L, Long::sum);
        }
        org.strata.graph.store.ChangeSet changes = new org.strata.graph.store.ChangeSet();
        org.strata.rules.evolve.Gate.write(verdicts, changes);
        if (changes.isEmpty()) {
            in.out().println("Gate: " + decisions + "; nothing to write");
            return;
        }
        String delta = store.apply(changes, "admit", in.commandLine(), in.progress());
        in.out().println("Gate: " + decisions + "; written as delta " + delta + " (undo with: strata undo --store "
                + in.get(GraphOptions.STORE) + " " + delta + ")");
    }
}
