package org.strata.rules.job;

import java.util.ArrayList;
import java.util.List;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.RuleRecord;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** Writes the best learned rules into the store as {@code Rule} vertices, one {@code rules} delta. */
public final class RuleWriteStep {

    private RuleWriteStep() {
    }

    /** The first {@code limit} rules (best first) as the store records them, with the store's names. */
    public static List<RuleRecord> records(List<Rule> rules, double pc, Projection facts, int limit) {
        List<RuleRecord> out = new ArrayList<>();
        for (Rule rule : rules.subList(0, Math.min(rules.size(), limit))) {
            out.add(new RuleRecord(RuleFormat.text(rule, facts.entities(), facts.relations()),
                    facts.relations().name(rule.head()), rule.kind().name(), rule.predicted(), rule.correct(),
                    rule.confidence(pc)));
        }
        return out;
    }

    /** Writes the first {@code limit} rules; returns the delta's id. */
    public static String write(GraphStore store, List<Rule> rules, double pc, Projection facts, int limit,
                               String command, ProgressListener progress) {
        return store.writeRules(records(rules, pc, facts, limit), command, progress);
    }
}
