package org.strata.rules.apply;

import org.strata.rules.model.Rule;

/**
 * A rule prepared for one query direction: the body path as walked from the query entity (or from the
 * rule's end constant), and how its answer is produced.
 *
 * @param rule       the rule
 * @param index      its position in the rule list the engine was built from
 * @param confidence its smoothed confidence
 * @param rank       where it ranks under max-plus: its confidence for a rule with a body; for a zero rule
 *                   its confidence minus one, below every rule with a body, so that zero rules only order
 *                   what the other rules leave unranked or tied
 * @param mode       how it answers a query
 * @param relations  the path's relations in walking order
 * @param inverse    the path's directions in walking order
 * @param constant   for CHECK: the candidate it predicts; for LIST: the query entity it applies to; for
 *                   SELF: -1
 * @param end        the constant the walk must reach (CHECK with a constant end), or -1
 * @param body       for a CHECK rule whose body another rule of the same relation and direction has too
 *                   (so that remembering the body's answer per query pays): the body's number, dense from
 *                   0 over the engine ({@link RuleEngine#sharedBodies}); otherwise -1
 */
record CompiledRule(Rule rule, int index, double confidence, double rank, Mode mode, int[] relations,
                    boolean[] inverse, int constant, int end, int body) {

    /** A compiled rule that ranks by its confidence, or below every rule with a body for a zero rule. */
    CompiledRule(Rule rule, int index, double confidence, Mode mode, int[] relations, boolean[] inverse, int constant,
                 int end) {
        this(rule, index, confidence, rule.kind() == Rule.Kind.ZERO ? confidence - 1 : confidence, mode, relations,
                inverse, constant, end, -1);
    }

    /** The same rule marked as sharing body number {@code body}. */
    CompiledRule sharing(int body) {
        return new CompiledRule(rule, index, confidence, rank, mode, relations, inverse, constant, end, body);
    }

    /** The body (relations, directions, end constant) packed into one long. */
    long bodyKey() {
        long key = relations.length;
        for (int i = 0; i < relations.length; i++) {
            key = key << 1 | (inverse[i] ? 1 : 0);
            key = key << 14 | relations[i];
        }
        return key << 32 | (end + 1L);
    }

    /** How a compiled rule answers. */
    enum Mode {
        /** Walk from the query entity; every end is a candidate (cyclic rules). */
        WALK,
        /** The constant is the candidate if the body holds from the query entity. */
        CHECK,
        /** Applies only when the query entity is the constant; the candidates do not depend on the query. */
        LIST,
        /** The query entity itself is the candidate if the body holds from it (a reflexive rule, r(X,X)). */
        SELF
    }

    int length() {
        return relations.length;
    }
}
