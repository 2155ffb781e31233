package org.strata.rules.apply;

import java.util.List;

/**
 * Why a candidate was predicted: the rules that fired for it, each with one grounding.
 *
 * @param candidate the predicted entity
 * @param because   the rules, best first
 */
public record Explanation(int candidate, List<Because> because) {

    /**
     * One rule and a grounding of its body that produced the candidate.
     *
     * @param rule       index of the rule in the engine's rule list
     * @param confidence its smoothed confidence
     * @param atoms      the grounded body atoms, each {@code {head, relation, tail}} as dense ids
     */
    public record Because(int rule, double confidence, List<int[]> atoms) {
    }
}
