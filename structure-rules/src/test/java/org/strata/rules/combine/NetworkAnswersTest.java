package org.strata.rules.combine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.Graphs;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** Answers of a learned combination carry the factors on their scores, and their rules' shares sum to 1. */
class NetworkAnswersTest {

    /**
     * (a, q, ?): c and z are predicted by rules of equal confidence; z already is the tail of another q fact,
     * so under a filled factor of 0.25 for q's tail queries its score is a quarter of c's, its answer says
     * so, and c's does not; a head query of q keeps factor 1.
     */
    @Test
    void filledCandidates_carryTheirFactor_andSharesStillSumToOne() {
        Projection p = Graphs.of("a s b; d s b; d q z; e q w; g t c");
        List<Rule> rules = List.of(
                RuleFormat.parse("q(X,c) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 5),
                RuleFormat.parse("q(X,z) <= s(X,A)", p.entities(), p.relations()).withCounts(10, 5),
                RuleFormat.parse("q(X,z) <= s(X,b)", p.entities(), p.relations()).withCounts(10, 2));
        RuleEngine engine = new RuleEngine(p, rules, 1, Aggregation.NOISY_OR, 1);
        RuleNetwork start = RuleNetwork.start(engine, p.relationCount());
        double[] filled = new double[2 * p.relationCount()];
        java.util.Arrays.fill(filled, 1);
        int q = p.relations().id("q");
        filled[2 * q + Direction.OUT.ordinal()] = 0.25;
        RuleNetwork net = new RuleNetwork(start.weights, start.start, start.groupOf, start.groupWeights,
                start.groupStart, start.bias, start.shape(), filled);
        NetworkAnswers answers = new NetworkAnswers(engine, net, p, 200, 8, 10_000);
        List<NetworkAnswers.Answer> top = answers.answer(p.entities().id("a"), q, Direction.OUT, 5);
        assertEquals(2, top.size());
        NetworkAnswers.Answer c = top.get(0);
        NetworkAnswers.Answer z = top.get(1);
        assertEquals(p.entities().id("c"), c.entity());
        assertEquals(p.entities().id("z"), z.entity());
        assertEquals(1, c.filledFactor());
        assertEquals(0.25, z.filledFactor());
        assertEquals(1, z.linkedFactor());
        double plain = net.score(z.contributions().stream().mapToInt(NetworkAnswers.Contribution::rule).sorted().toArray());
        assertEquals(0.25 * plain, z.score(), 1e-12);
        for (NetworkAnswers.Answer x : top) {
            assertEquals(1, x.contributions().stream().mapToDouble(NetworkAnswers.Contribution::share).sum(), 1e-12);
            assertEquals(x.score(), x.contributions().stream().mapToDouble(NetworkAnswers.Contribution::contribution).sum(),
                    1e-12);
        }
        assertEquals(1, net.filledFactor(q, Direction.IN));
    }
}
