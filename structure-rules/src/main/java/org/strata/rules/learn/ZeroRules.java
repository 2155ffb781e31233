package org.strata.rules.learn;

import java.util.ArrayList;
import java.util.List;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.rules.model.Rule;

/**
 * AnyBURL's zero rules, counted exactly: for every relation r and every entity c that occurs as its tail,
 * {@code r(X,c) <=} predicts c for each subject X of r (other than c itself) and is correct for the X with
 * {@code r(X,c)}; likewise {@code r(c,Y) <=} for the heads. They rank the answers that no rule with a
 * body reaches, by how common each answer is for the relation, and break the ties those rules leave.
 * The reflexive zero rule {@code r(X,X) <=} predicts, for every entity X that occurs in r, that X stands
 * in r to itself, and is correct for the facts {@code r(X,X)}.
 * One pass over the relation indexes; no sampling, so the counts do not depend on the seed.
 */
final class ZeroRules {

    private ZeroRules() {
    }

    /**
     * The zero rules that clear the support and confidence thresholds, by relation, then side (the
     * reflexive rule last), then constant.
     */
    static List<Rule> of(Projection train, LearnParameters parameters) {
        List<Rule> out = new ArrayList<>();
        for (int r = 0; r < train.relationCount(); r++) {
            RelationIndex subjects = train.index(r, Direction.OUT);
            RelationIndex objects = train.index(r, Direction.IN);
            add(out, r, true, subjects, objects, parameters);
            add(out, r, false, objects, subjects, parameters);
            keep(out, reflexive(r, subjects, objects), parameters);
        }
        return out;
    }

    /**
     * Rules {@code r(X,c) <=} (constantIsTail) or {@code r(c,Y) <=}: {@code askers} indexes the entities a
     * query starts from, {@code answers} the constants with the entities that have them.
     */
    private static void add(List<Rule> out, int r, boolean constantIsTail, RelationIndex askers, RelationIndex answers,
                            LearnParameters parameters) {
        int population = askers.keyCount();
        for (int k = 0; k < answers.keyCount(); k++) {
            int c = answers.key(k);
            // object identity: X is not c, so c's own fact r(c,c) and c as an asker do not count
            long correct = answers.end(k) - answers.start(k) - (answers.hasTarget(k, c) ? 1 : 0);
            long predicted = population - (askers.find(c) >= 0 ? 1 : 0);
            keep(out, Rule.zero(r, c, constantIsTail).withCounts(predicted, correct), parameters);
        }
    }

    /** {@code r(X,X) <=}: asked for every entity that occurs in r on either side, right for each r(X,X). */
    private static Rule reflexive(int r, RelationIndex subjects, RelationIndex objects) {
        long correct = 0;
        for (int k = 0; k < subjects.keyCount(); k++) {
            if (subjects.hasTarget(k, subjects.key(k))) {
                correct++;
            }
        }
        long objectsOnly = 0;
        for (int k = 0; k < objects.keyCount(); k++) {
            if (subjects.find(objects.key(k)) < 0) {
                objectsOnly++;
            }
        }
        return Rule.zero(r, Rule.SELF, true).withCounts(subjects.keyCount() + objectsOnly, correct);
    }

    private static void keep(List<Rule> out, Rule rule, LearnParameters parameters) {
        if (rule.correct() >= parameters.minCorrect() && rule.confidence(parameters.pc()) >= parameters.minConfidence()) {
            out.add(rule);
        }
    }
}
