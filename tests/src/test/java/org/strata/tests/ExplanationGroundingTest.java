package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.TripleList;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.Explainer;
import org.strata.rules.apply.Explanation;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/**
 * Explanations on UMLS: every rule that fired for a predicted answer is explained by a grounding whose
 * atoms are training facts, in the rule's relations and directions, joined into a path from the
 * query entity to the answer (or to the rule's constant), through distinct entities.
 */
class ExplanationGroundingTest {

    @Test
    void everyFiredRule_hasAGroundingMadeOfTrainingFacts() {
        Dataset umls = Dataset.load(Data.umls());
        Projection train = umls.trainProjection();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Rule> rules;
        try {
            rules = new RuleLearner(train, LearnParameters.ofRounds(10, 2, 3), pool, ProgressListener.NONE,
                    TerminationFlag.running()).learn().rules();
        } finally {
            pool.shutdownNow();
        }
        RuleEngine engine = new RuleEngine(train, rules, 5, Aggregation.MAX_PLUS, 10);
        RuleSession session = engine.newSession(5, 50_000, train);
        Explainer explainer = new Explainer(engine, 5, 50_000);
        TripleList test = umls.test();
        int explained = 0;
        Set<Rule.Kind> kindsSeen = new HashSet<>();
        for (int i = 0; i < test.size(); i += 5) {
            for (Direction d : Direction.values()) {
                int query = d == Direction.OUT ? test.heads()[i] : test.tails()[i];
                List<Prediction> answers = session.predict(query, test.relations()[i], d);
                for (Prediction p : answers) {
                    Explanation e = explainer.explain(query, d, p);
                    assertEquals(p.entity(), e.candidate());
                    assertEquals(p.rules().length, e.because().size(), "every rule that fired is explained");
                    for (Explanation.Because b : e.because()) {
                        Rule rule = engine.rules().get(b.rule());
                        assertEquals(rule.head(), test.relations()[i]);
                        assertEquals(rule.confidence(5), b.confidence(), 1e-12);
                        checkGrounding(train, rule, query, d, p.entity(), b.atoms());
                        kindsSeen.add(rule.kind());
                        explained++;
                    }
                }
            }
        }
        assertTrue(explained > 1000, "only " + explained + " explanations checked");
        assertEquals(Set.of(Rule.Kind.values()), kindsSeen, "every kind of rule was explained at least once");
    }

    /** The atoms ground the rule's body: facts, in order, a path between the right ends, distinct nodes. */
    private static void checkGrounding(Projection train, Rule rule, int query, Direction d, int answer,
                                       List<int[]> atoms) {
        int head = d == Direction.OUT ? query : answer;
        int tail = d == Direction.OUT ? answer : query;
        int start;
        int end;
        if (rule.kind() == Rule.Kind.CYCLIC) {
            start = head;
            end = tail;
        } else if (rule.reflexive()) {
            assertEquals(head, tail, "a reflexive rule answers the query entity");
            start = query;
            end = rule.endConstant();
        } else {
            assertEquals(rule.headConstant(), rule.constantIsTail() ? tail : head, "the head constant is the answer"
                    + " or the query entity");
            start = rule.constantIsTail() ? head : tail;
            end = rule.endConstant();
        }
        assertEquals(rule.length(), atoms.size());
        Set<Integer> nodes = new HashSet<>();
        int at = start;
        nodes.add(at);
        for (int i = 0; i < atoms.size(); i++) {
            int[] a = atoms.get(i);
            assertTrue(train.contains(a[0], a[1], a[2]), "a grounding atom is a training fact");
            assertEquals(rule.relation(i), a[1]);
            int from = rule.inverse(i) ? a[2] : a[0];
            int to = rule.inverse(i) ? a[0] : a[2];
            assertEquals(at, from, "atom " + i + " continues the path");
            at = to;
            assertTrue(nodes.add(at), "object identity: the path does not revisit an entity");
        }
        if (end >= 0) {
            assertEquals(end, at, "the path ends where the rule says");
        }
        if (rule.kind() != Rule.Kind.CYCLIC && !rule.reflexive() && rule.endConstant() != rule.headConstant()) {
            assertFalse(nodes.contains(rule.headConstant()), "object identity: the head constant is not a path node");
        }
    }
}
