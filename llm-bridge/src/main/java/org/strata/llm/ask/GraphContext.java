package org.strata.llm.ask;

import java.util.List;
import java.util.Map;

/**
 * What the graph knows that bears on a question, compact and citable: entities found in the question,
 * facts around them (id {@code f1}, {@code f2}, ...) with their lifecycle state, and rules that predict
 * those facts' relations (id {@code r1}, ...).
 */
public record GraphContext(String question, List<String> entities, List<Fact> facts, List<RuleLine> rules,
                           Map<String, String> names) {

    /** A fact as the context shows it. */
    public record Fact(String id, String head, String relation, String tail, String state) {
    }

    /** A rule as the context shows it. */
    public record RuleLine(String id, String text, double confidence, String state) {
    }

    private String name(String uid) {
        String n = names.get(uid);
        return n == null || n.equals(uid) ? uid : n + " (" + uid + ")";
    }

    /** Every id the answer may cite. */
    public java.util.Set<String> ids() {
        java.util.Set<String> s = new java.util.HashSet<>();
        facts.forEach(f -> s.add(f.id()));
        rules.forEach(r -> s.add(r.id()));
        return s;
    }

    /** The context as the model reads it (and as {@code --context-only} prints it). */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("Entities: ");
        b.append(entities.isEmpty() ? "(none found)" : String.join(", ", entities.stream().map(this::name).toList()));
        b.append("\n\nFacts (id: head relation tail [state]):\n");
        for (Fact f : facts) {
            b.append(f.id()).append(": ").append(name(f.head())).append(' ').append(f.relation()).append(' ')
                    .append(name(f.tail())).append(" [").append(f.state()).append("]\n");
        }
        if (facts.isEmpty()) {
            b.append("(none)\n");
        }
        b.append("\nRules (id: rule [confidence, state]):\n");
        for (RuleLine r : rules) {
            b.append(r.id()).append(": ").append(r.text()).append(String.format(java.util.Locale.ROOT, " [%.3f, %s]%n",
                    r.confidence(), r.state()));
        }
        if (rules.isEmpty()) {
            b.append("(none)\n");
        }
        return b.toString();
    }
}
