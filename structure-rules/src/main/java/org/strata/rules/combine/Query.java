package org.strata.rules.combine;

import org.strata.graph.projection.Direction;

/**
 * One query as the rule network sees it: its candidates, the rules that predict each, and, for a training
 * query, which candidate is the answer.
 *
 * @param relation   the query relation
 * @param direction  OUT or IN
 * @param candidates candidate entities
 * @param rules      for each candidate, the rules (indices into the engine's rule list) that predict it
 * @param target     the position of the answer among the candidates, or -1 when no rule reaches it (or for
 *                   a query to answer rather than learn from)
 * @param unreached  how many entities no rule reaches and the query does not exclude: the one "everything
 *                   else" unit stands for them
 * @param linked     for each candidate, whether a training fact already links it to the asking entity (the
 *                   facts the query leaves out not counted); null when none is
 * @param filled     for each candidate, whether it already fills the answer's place in a training fact of the
 *                   query relation with another entity (for a tail query {@code (e, r, ?)}: some
 *                   {@code r(x, c)}; the facts the query leaves out not counted); null when none does
 */
record Query(int relation, Direction direction, int[] candidates, int[][] rules, int target, int unreached,
             boolean[] linked, boolean[] filled) {

    /** A query none of whose candidates is linked to the asking entity or fills the answer's place. */
    Query(int relation, Direction direction, int[] candidates, int[][] rules, int target, int unreached) {
        this(relation, direction, candidates, rules, target, unreached, null, null);
    }

    /** A query none of whose candidates fills the answer's place. */
    Query(int relation, Direction direction, int[] candidates, int[][] rules, int target, int unreached,
          boolean[] linked) {
        this(relation, direction, candidates, rules, target, unreached, linked, null);
    }

    /** The same query with other rules per candidate. */
    Query withRules(int[][] other) {
        return new Query(relation, direction, candidates, other, target, unreached, linked, filled);
    }

    /** Whether candidate {@code c} is linked to the asking entity. */
    boolean isLinked(int c) {
        return linked != null && linked[c];
    }

    /** Whether candidate {@code c} already fills the answer's place in another fact of the relation. */
    boolean isFilled(int c) {
        return filled != null && filled[c];
    }
}
