package org.strata.cli.shell;

import java.nio.file.Path;
import java.util.List;
import org.strata.graph.projection.Projection;
import org.strata.rules.RulesOptions;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** Reads the rule file a command names, against the facts it will be applied to. */
public final class RuleFiles {

    private RuleFiles() {
    }

    /** The rules' texts, in order: what a weights file's fingerprint is taken from. */
    public static List<String> texts(List<Rule> rules, Projection facts) {
        List<String> out = new java.util.ArrayList<>(rules.size());
        for (Rule r : rules) {
            out.add(RuleFormat.text(r, facts.entities(), facts.relations()));
        }
        return out;
    }

    /** The learned combination of {@code --weights} for these rules, or null when none is given. */
    public static org.strata.rules.combine.RuleNetwork weights(Invocation in, List<Rule> rules, Projection facts) {
        String w = in.get(org.strata.rules.local.LocalOptions.WEIGHTS);
        if (w == null) {
            return null;
        }
        try {
            return org.strata.rules.combine.WeightsFile.read(Path.of(w), texts(rules, facts),
                    in.get(RulesOptions.RULES));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--weights: " + e.getMessage());
        }
    }

    /** The rules of {@code --rules}, those these facts cannot apply skipped with a warning. */
    public static List<Rule> read(Invocation in, Projection facts, String command) {
        Path file = Path.of(in.require(RulesOptions.RULES, command));
        RuleFormat.ReadResult r = RuleFormat.read(file, facts.entities(), facts.relations());
        if (r.unknownNames() > 0) {
            in.err().println("warning: " + Format.count(r.unknownNames()) + " rules of " + file
                    + " name a relation or entity these facts lack; they are skipped");
        }
        if (r.unsupported() > 0) {
            in.err().println("warning: " + Format.count(r.unsupported()) + " rules of " + file
                    + " have a shape Strata does not apply (an empty body, or a longer body); they are skipped");
        }
        if (r.rules().isEmpty()) {
            throw new UsageException(file + " holds no rule that applies to these facts");
        }
        return r.rules();
    }
}
