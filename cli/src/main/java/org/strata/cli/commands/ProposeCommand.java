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
        return "List the new facts a trained embedding model finds most probable, with scores (nothing is written)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GpuOptions.MODEL_FILE, GraphOptions.STORE, GraphOptions.STORE_CONFIG, GraphOptions.DATA,
                GpuOptions.TOP, RulesOptions.RELATION, CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
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
                    + "; proposals only, nothing is written");
            in.out().printf("  %8s  %s%n", "p", "head  relation  tail");
            for (Proposal p : proposals) {
                in.out().printf("  %8.4f  %s  %s  %s%n", p.score(), source.name(p.head()),
                        facts.relations().name(p.relation()), source.name(p.tail()));
            }
        }
        return 0;
    }
}
