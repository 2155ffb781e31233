package org.strata.graph.govern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;

/** The gate's decisions on hand-made proposals, and lifecycle promotion. */
class GateTest {

    private static FactRecord fact(String h, String r, String t) {
        return new FactRecord(h, r, t, LifecycleState.STABLE, List.of("d1.1:1"), 0, 1.0, null);
    }

    /**
     * born_in is functional (12 people, one city each); lives_in is not (person0 lives in two cities);
     * likes has 24 facts between people, enough for its domain and range to be checked.
     */
    private static Gate gate() {
        List<FactRecord> facts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            facts.add(fact("person" + i, "born_in", "city" + (i % 3)));
            facts.add(fact("person" + i, "likes", "person" + ((i + 1) % 12)));
            facts.add(fact("person" + i, "likes", "person" + ((i + 2) % 12)));
        }
        facts.add(fact("person0", "lives_in", "city1"));
        for (int i = 0; i < 10; i++) {
            facts.add(fact("person" + i, "lives_in", "city" + (i % 4)));
        }
        facts.add(new FactRecord("person3", "likes", "city1", LifecycleState.LEFTOVER, List.of("d2.1:1"), 0, 0.8, "x"));
        return new Gate(facts, new GateParameters(10, 0.5));
    }

    private static Proposal p(String h, String r, String t) {
        return new Proposal(h, r, t, 0.9, "test", null);
    }

    @Test
    void admits_whatPassesEveryInvariant() {
        Gate.Verdict v = gate().judge(p("person0", "lives_in", "city2"));
        assertEquals(Gate.Decision.ADMIT, v.decision(), v.reason());
        assertEquals(Gate.Decision.ADMIT, gate().judge(p("person5", "likes", "person9")).decision());
    }

    @Test
    void merges_aProposalOfAnExistingFact() {
        assertEquals(Gate.Decision.MERGE, gate().judge(p("person0", "born_in", "city0")).decision());
        assertEquals(Gate.Decision.MERGE, gate().judge(p("person3", "likes", "city1")).decision());
    }

    @Test
    void leftover_withCounterEvidence_forAFunctionalRelation() {
        Gate.Verdict v = gate().judge(p("person0", "born_in", "city1"));
        assertEquals(Gate.Decision.LEFTOVER, v.decision());
        assertTrue(v.reason().contains("person0 born_in city0 is believed"), v.reason());
        assertEquals(Gate.Against.FUNCTIONAL, Gate.Against.of(v.reason()));
    }

    @Test
    void leftover_outsideTheLearnedRange_andForSelfLoops() {
        Gate.Verdict range = gate().judge(p("person0", "likes", "city2"));
        assertEquals(Gate.Decision.LEFTOVER, range.decision());
        assertTrue(range.reason().contains("outside the learned range of likes"), range.reason());
        Gate.Verdict loop = gate().judge(p("person0", "likes", "person0"));
        assertEquals(Gate.Decision.LEFTOVER, loop.decision());
        assertTrue(loop.reason().contains("no self loops"), loop.reason());
        assertEquals(Gate.Against.RANGE, Gate.Against.of(range.reason()));
        assertEquals(Gate.Against.SELF_LOOP, Gate.Against.of(loop.reason()));
        Gate.Verdict domain = gate().judge(p("city1", "likes", "person2"));
        assertEquals(Gate.Decision.LEFTOVER, domain.decision());
        assertEquals(Gate.Against.DOMAIN, Gate.Against.of(domain.reason()), domain.reason());
        assertEquals(Gate.Against.OTHER, Gate.Against.of("rejected by hand"));
        assertEquals(Gate.Against.OTHER, Gate.Against.of(null));
    }

    @Test
    void aJudgesConfirmation_outweighsTheLearnedRange_butNotAFunctionalRelation() {
        FactJudge.Judgement confirm = new FactJudge.Judgement(0.99, FactJudge.Call.CONFIRM, "three rules predict it", "");
        FactJudge.Judgement undecided = new FactJudge.Judgement(0.6, FactJudge.Call.UNDECIDED, "one rule", "");
        Gate.Verdict range = gate().judge(p("person0", "likes", "city2"));
        assertTrue(range.weighable());
        Gate.Verdict confirmed = range.judged(confirm);
        assertEquals(Gate.Decision.ADMIT, confirmed.decision());
        assertTrue(confirmed.reason().contains("outside the learned range of likes"), confirmed.reason());
        assertEquals(Gate.Decision.LEFTOVER, range.judged(undecided).decision(), "only a confirmation outweighs it");
        assertEquals(range.reason(), range.judged(undecided).reason());

        Gate.Verdict functional = gate().judge(p("person0", "born_in", "city1"));
        assertFalse(functional.weighable());
        assertEquals(Gate.Decision.LEFTOVER, functional.judged(confirm).decision(), "a contradiction stays one");
        Gate.Verdict loop = gate().judge(p("person0", "likes", "person0"));
        assertEquals(Gate.Decision.LEFTOVER, loop.judged(confirm).decision());

        Admission.Result admitted = new Admission(gate(), (h, r, t) -> t.startsWith("city") ? confirm : undecided)
                .judge(List.of(p("person0", "likes", "city2"), p("person0", "born_in", "city1")));
        assertEquals(Gate.Decision.ADMIT, admitted.verdicts().get(0).decision());
        assertEquals(Gate.Decision.LEFTOVER, admitted.verdicts().get(1).decision());
    }

    @Test
    void rejects_unknownEntitiesAndRelations_andWritesNothingForThem() {
        Gate g = gate();
        List<Gate.Verdict> vs = List.of(g.judge(p("nobody", "likes", "person1")), g.judge(p("person1", "hates",
                "person2")), g.judge(p("person0", "lives_in", "city2")), g.judge(p("person0", "born_in", "city1")),
                g.judge(p("person0", "born_in", "city0")));
        assertEquals(Gate.Decision.REJECT, vs.get(0).decision());
        assertEquals(Gate.Decision.REJECT, vs.get(1).decision());
        ChangeSet cs = new ChangeSet();
        Gate.write(vs, cs);
        assertEquals(2, cs.factAdditions().size());
        assertEquals("CANDIDATE", cs.factAdditions().get(0).properties().get("state"));
        assertEquals("LEFTOVER", cs.factAdditions().get(1).properties().get("state"));
        assertTrue(((String) cs.factAdditions().get(1).properties().get("counterEvidence")).contains("functional"));
        assertEquals(1, cs.evidence().size());
    }

    @Test
    void lifecycle_promotesAfterKConfirmations_andNotBefore() {
        assertEquals(LifecycleState.CANDIDATE, LifecycleState.CANDIDATE.promoted(1, 2, 3));
        assertEquals(LifecycleState.STABLE, LifecycleState.CANDIDATE.promoted(2, 2, 3));
        assertEquals(LifecycleState.STABLE, LifecycleState.STABLE.promoted(2, 2, 3));
        assertEquals(LifecycleState.SOLIDIFIED, LifecycleState.STABLE.promoted(3, 2, 3));
        assertEquals(LifecycleState.LEFTOVER, LifecycleState.LEFTOVER.promoted(9, 2, 3));
        assertEquals(LifecycleState.DEPRECATED, LifecycleState.DEPRECATED.promoted(9, 2, 3));
    }
}
