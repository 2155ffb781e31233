package org.strata.rules.combine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.RuleEngine;

/**
 * Answers queries with a learned rule combination, each answer with its probability and the rules that
 * made its score: their learned weights and their share of the score. One per thread (it holds an engine
 * session).
 */
public final class NetworkAnswers {

    /**
     * One rule's part in an answer's score.
     *
     * @param rule         the rule's index in the engine's rule list
     * @param weight       its learned weight
     * @param groupWeight  the learned weight of its group unit
     * @param contribution what it adds to the score
     * @param share        {@code contribution / score}: the shares of an answer's rules sum to 1
     */
    public record Contribution(int rule, double weight, double groupWeight, double contribution, double share) {
    }

    /**
     * A ranked answer.
     *
     * @param entity        the answer
     * @param score         its score: the sum of its rules' contributions
     * @param probability   the network's probability for it (softmax over every candidate and the unreached)
     * @param contributions its rules, the largest contribution first
     * @param linkedFactor  the factor on its rules' sum because a known fact already links it to the asking
     *                      entity (1 when none does, or the network weighs such candidates as any other)
     * @param filledFactor  the factor because it already fills the answer's place in another fact of the
     *                      relation (1 likewise); the contributions include both
     */
    public record Answer(int entity, double score, double probability, List<Contribution> contributions,
                         double linkedFactor, double filledFactor) {
    }

    /**
     * What the rules say of one triple (h, r, t), asked both ways.
     *
     * @param tailProbability the network's probability of t as the answer to (h, r, ?); a triple no rule
     *                        reaches gets its share of the unreached unit
     * @param headProbability the same for h as the answer to (?, r, t)
     * @param bestConfidence  the confidence of the most confident rule with a body that predicts it, either
     *                        way (0: none)
     * @param rules           how many rules predict it, both ways together
     */
    public record Plausibility(double tailProbability, double headProbability, double bestConfidence, int rules) {
    }

    private final RuleEngine engine;
    private final RuleNetwork network;
    private final QueryBuilder builder;

    /**
     * @param known facts whose answers are not proposed (those already known)
     */
    public NetworkAnswers(RuleEngine engine, RuleNetwork network, Projection known, int maxCandidates, int maxRules,
                          int maxVisits) {
        this.engine = engine;
        this.network = network;
        this.builder = new QueryBuilder(engine, network.startingPoint(), known, maxCandidates, maxRules, maxVisits);
    }

    /** The engine that fires the rules (its rule ids are the contributions' rule ids). */
    public RuleEngine engine() {
        return engine;
    }

    /** The best {@code k} answers of {@code (entity, relation, ?)} (OUT) or {@code (?, relation, entity)} (IN). */
    public List<Answer> answer(int entity, int relation, Direction direction, int k) {
        Query q = builder.answering(entity, relation, direction);
        int n = q.candidates().length;
        double[] scores = new double[n];
        Layout l = new Layout();
        for (int i = 0; i < n; i++) {
            scores[i] = network.score(q, i, l);
        }
        double[] p = new double[n + 1];
        RuleNetwork.softmax(scores, n, network.restScore(relation, direction, q.unreached()), p);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> q.candidates()[i]));
        List<Answer> out = new ArrayList<>();
        for (int j = 0; j < Math.min(k, n); j++) {
            int i = order[j];
            int[] rules = q.rules()[i];
            double[] c = network.contributions(rules, network.gain(q, i));
            List<Contribution> parts = new ArrayList<>();
            for (int r = 0; r < rules.length; r++) {
                parts.add(new Contribution(rules[r], network.weight(rules[r]),
                        network.groupWeight(network.group(rules[r])), c[r], scores[i] == 0 ? 0 : c[r] / scores[i]));
            }
            parts.sort(Comparator.comparingDouble((Contribution x) -> -x.contribution()));
            out.add(new Answer(q.candidates()[i], scores[i], p[i], parts,
                    network.gain(relation, direction, q.isLinked(i), false),
                    network.gain(relation, direction, false, q.isFilled(i))));
        }
        return out;
    }

    /** What the rules say of (h, r, t): its probability both ways and the best rule behind it. */
    public Plausibility plausibility(int head, int relation, int tail) {
        double[] tailSide = side(head, relation, Direction.OUT, tail);
        double[] headSide = side(tail, relation, Direction.IN, head);
        return new Plausibility(tailSide[0], headSide[0], Math.max(tailSide[1], headSide[1]),
                (int) (tailSide[2] + headSide[2]));
    }

    /** {probability of the answer, best confidence of a rule with a body predicting it, rules predicting it}. */
    private double[] side(int entity, int relation, Direction direction, int answer) {
        Query q = builder.answering(entity, relation, direction);
        int n = q.candidates().length;
        double[] scores = new double[n];
        int at = -1;
        Layout l = new Layout();
        for (int i = 0; i < n; i++) {
            scores[i] = network.score(q, i, l);
            if (q.candidates()[i] == answer) {
                at = i;
            }
        }
        double[] p = new double[n + 1];
        RuleNetwork.softmax(scores, n, network.restScore(relation, direction, q.unreached()), p);
        if (at < 0) {
            return new double[] {q.unreached() > 0 ? p[n] / q.unreached() : 0, 0, 0};
        }
        double best = 0;
        for (int r : q.rules()[at]) {
            if (engine.rules().get(r).kind() != org.strata.rules.model.Rule.Kind.ZERO) {
                best = Math.max(best, engine.confidence(r));
            }
        }
        return new double[] {p[at], best, q.rules()[at].length};
    }
}
