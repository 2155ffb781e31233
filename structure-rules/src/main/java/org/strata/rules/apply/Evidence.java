package org.strata.rules.apply;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.strata.graph.projection.Dictionary;
import org.strata.rules.model.Rule;

/** Why a rule fired, in words, for explanations shown to a person. */
public final class Evidence {

    private Evidence() {
    }

    /**
     * A rule's grounding as facts with names ({@code a -r-> b, b -s-> c}), or for a zero rule (empty body)
     * how common its constant is among the relation's answers.
     *
     * @param atoms the grounding's facts as (head, relation, tail) ids, as {@link Explanation} gives them
     * @param name  an entity's name by id
     */
    public static String describe(Rule rule, List<int[]> atoms, IntFunction<String> name, Dictionary relations) {
        if (rule.kind() == Rule.Kind.ZERO) {
            String r = relations.name(rule.head());
            String counts = " holds for " + String.format(Locale.ROOT, "%,d", rule.correct()) + " of the "
                    + String.format(Locale.ROOT, "%,d", rule.predicted());
            if (rule.reflexive()) {
                return r + "(X,X)" + counts + " entities X that occur in " + r;
            }
            String c = name.apply(rule.headConstant());
            return rule.constantIsTail() ? r + "(X," + c + ")" + counts + " other entities X with an " + r + " tail"
                    : r + "(" + c + ",Y)" + counts + " other entities Y with an " + r + " head";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < atoms.size(); i++) {
            int[] atom = atoms.get(i);
            sb.append(i == 0 ? "" : ", ").append(name.apply(atom[0])).append(" -").append(relations.name(atom[1]))
                    .append("-> ").append(name.apply(atom[2]));
        }
        return sb.toString();
    }
}
