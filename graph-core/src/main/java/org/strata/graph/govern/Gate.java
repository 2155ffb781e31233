package org.strata.graph.govern;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;

/**
 * The admission gate. Proposals enter the store only through it. Invariants are learned from the
 * believed (STABLE and SOLIDIFIED) facts:
 * <ul>
 *   <li>no duplicate: a proposal of an existing fact merges its evidence into that fact;</li>
 *   <li>functional relations: a relation whose every head (at least {@code functionalMinHeads} of
 *       them) has one tail; a second tail is contradicted by the first;</li>
 *   <li>domain and range, learned without a type system: an entity fits the range of r when it is a
 *       tail of r, or a tail of a relation r2 whose tails are mostly ({@code typingOverlap}) tails of r
 *       too (r2's tails are a kind of r's); likewise for heads and the domain. Relations with few facts
 *       are not checked. A tendency, not a type system: where a judge weighs the proposals, its
 *       confirmation admits a proposal that only this invariant holds back;</li>
 *   <li>self loops only for relations that have them.</li>
 * </ul>
 * A proposal that breaks an invariant becomes a LEFTOVER fact with the counter-evidence recorded (it
 * stays out of projections and is re-examined each cycle); one naming an unknown entity or relation is
 * rejected and written nowhere. A proposal never overwrites a fact.
 */
public final class Gate {

    /** What the gate decided. */
    public enum Decision { ADMIT, MERGE, LEFTOVER, REJECT }

    /**
     * A decision with its reason (the counter-evidence for LEFTOVER) and, where a {@link FactJudge} was
     * consulted, its judgement (else null).
     */
    public record Verdict(Proposal proposal, Decision decision, String reason, FactJudge.Judgement judgement) {

        /** A verdict of the invariants alone. */
        public Verdict(Proposal proposal, Decision decision, String reason) {
            this(proposal, decision, reason, null);
        }

        /**
         * This verdict weighed by a judge: an ADMIT the judge doubts becomes LEFTOVER with the evidence against
         * as its reason; a LEFTOVER held back only by the learned domain or range, which the judge confirms, is
         * admitted (the typing is a tendency learned from the believed facts, the confirmation is calibrated
         * evidence: on CoDEx-S's validation triples the domain alone held back 78 true facts for 186 false
         * ones); any other verdict keeps its decision and carries the judgement.
         */
        public Verdict judged(FactJudge.Judgement j) {
            if (decision == Decision.ADMIT && j.call() == FactJudge.Call.DOUBT) {
                return new Verdict(proposal, Decision.LEFTOVER, Against.JUDGE.marker + j.summary(), j);
            }
            if (heldByTyping() && j.call() == FactJudge.Call.CONFIRM) {
                return new Verdict(proposal, Decision.ADMIT, "confirmed by the rules' judge although " + reason, j);
            }
            return new Verdict(proposal, decision, reason, j);
        }

        /** Whether a judge weighs this verdict: an ADMIT, or a LEFTOVER held back only by domain or range. */
        public boolean weighable() {
            return decision == Decision.ADMIT || heldByTyping();
        }

        private boolean heldByTyping() {
            return decision == Decision.LEFTOVER && Against.of(reason).typing();
        }
    }

    /**
     * Where a LEFTOVER fact's counter-evidence comes from: one of the gate's invariants, or the rules' judge
     * (when it admits or when consolidation re-examines a fact). The texts are written with these markers.
     */
    public enum Against {
        SELF_LOOP(" has no self loops among its ", false), FUNCTIONAL("functional relation ", true),
        DOMAIN(" is outside the learned domain of ", false), RANGE(" is outside the learned range of ", false),
        JUDGE("doubted by the rules' judge: ", true), OTHER("", false);

        /** Whether this is the learned domain or range: a tendency that the judge's confirmation outweighs. */
        public boolean typing() {
            return this == DOMAIN || this == RANGE;
        }

        /** The text that marks the kind in a counter-evidence, at its start where {@code prefix}. */
        public final String marker;
        private final boolean prefix;

        Against(String marker, boolean prefix) {
            this.marker = marker;
            this.prefix = prefix;
        }

        /** The kind of a counter-evidence written by the gate or the judge; OTHER for any other text or null. */
        public static Against of(String counterEvidence) {
            if (counterEvidence != null) {
                for (Against a : values()) {
                    if (a != OTHER && (a.prefix ? counterEvidence.startsWith(a.marker) : counterEvidence.contains(a.marker))) {
                        return a;
                    }
                }
            }
            return OTHER;
        }
    }

    private static final int MIN_TYPED_FACTS = 20;

    private final Map<String, FactRecord> existing = new HashMap<>();
    private final Map<String, Map<String, String>> functionalTail = new HashMap<>(); // relation -> head -> tail
    private final Set<String> selfLoops = new HashSet<>();
    private final Map<String, Integer> entityIds = new HashMap<>();
    private final Map<String, Integer> relationIds = new HashMap<>();
    private final List<BitSet> heads = new ArrayList<>();
    private final List<BitSet> tails = new ArrayList<>();
    private final List<int[]> domainOf = new ArrayList<>(); // relations whose heads count as r's domain
    private final List<int[]> rangeOf = new ArrayList<>();
    private final int[] factCount;
    private final Set<String> newEntities = new HashSet<>();
    private boolean newRelationsAllowed;

    /** Whether proposals may name relations the store has no fact of yet (see {@link #allowNew}). */
    public boolean allowsNewRelations() {
        return newRelationsAllowed;
    }

    /**
     * Accepts proposals that name these new entities (created in the same delta) and, with
     * {@code relations}, relations the store has no fact of yet: an extraction proposes both. A new
     * entity has no learned type, so the domain and range checks pass it; a new relation has no learned
     * invariants. Duplicates and functional relations are still checked.
     */
    public Gate allowNew(java.util.Collection<String> entities, boolean relations) {
        newEntities.addAll(entities);
        newRelationsAllowed = relations;
        return this;
    }

    /** Learns the invariants from every fact in the store (the believed ones set them). */
    public Gate(List<FactRecord> facts, GateParameters parameters) {
        int functionalMinHeads = parameters.functionalMinHeads();
        double typingOverlap = parameters.typingOverlap();
        Map<String, Map<String, Set<String>>> tailsByHead = new HashMap<>();
        for (FactRecord f : facts) {
            existing.put(f.key(), f);
            entityIds.computeIfAbsent(f.head(), k -> entityIds.size());
            entityIds.computeIfAbsent(f.tail(), k -> entityIds.size());
            int r = relationIds.computeIfAbsent(f.relation(), k -> {
                heads.add(new BitSet());
                tails.add(new BitSet());
                return relationIds.size();
            });
            if (!f.state().believed()) {
                continue;
            }
            heads.get(r).set(entityIds.get(f.head()));
            tails.get(r).set(entityIds.get(f.tail()));
            if (f.head().equals(f.tail())) {
                selfLoops.add(f.relation());
            }
            tailsByHead.computeIfAbsent(f.relation(), k -> new HashMap<>()).computeIfAbsent(f.head(),
                    k -> new HashSet<>()).add(f.tail());
        }
        factCount = new int[relationIds.size()];
        for (FactRecord f : facts) {
            if (f.state().believed()) {
                factCount[relationIds.get(f.relation())]++;
            }
        }
        for (Map.Entry<String, Map<String, Set<String>>> e : tailsByHead.entrySet()) {
            Map<String, Set<String>> byHead = e.getValue();
            if (byHead.size() >= functionalMinHeads && byHead.values().stream().allMatch(s -> s.size() == 1)) {
                Map<String, String> one = new HashMap<>();
                byHead.forEach((h, s) -> one.put(h, s.iterator().next()));
                functionalTail.put(e.getKey(), one);
            }
        }
        int n = relationIds.size();
        for (int r = 0; r < n; r++) {
            domainOf.add(kinds(heads, r, typingOverlap));
            rangeOf.add(kinds(tails, r, typingOverlap));
        }
    }

    /** The relations whose ends are mostly ends of r too (r itself included). */
    private static int[] kinds(List<BitSet> ends, int r, double overlap) {
        List<Integer> out = new ArrayList<>();
        BitSet mine = ends.get(r);
        for (int r2 = 0; r2 < ends.size(); r2++) {
            BitSet theirs = ends.get(r2);
            int size = theirs.cardinality();
            if (size == 0) {
                continue;
            }
            BitSet both = (BitSet) theirs.clone();
            both.and(mine);
            if (r2 == r || both.cardinality() >= overlap * size) {
                out.add(r2);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }


    /** Judges one proposal. */
    public Verdict judge(Proposal p) {
        for (String uid : new String[] {p.head(), p.tail()}) {
            if (!entityIds.containsKey(uid) && !newEntities.contains(uid)) {
                return new Verdict(p, Decision.REJECT, "unknown entity " + uid);
            }
        }
        Integer r = relationIds.get(p.relation());
        if (r == null) {
            return newRelationsAllowed ? new Verdict(p, Decision.ADMIT, "a new relation: no invariants learned yet")
                    : new Verdict(p, Decision.REJECT, "unknown relation " + p.relation());
        }
        FactRecord same = existing.get(FactRecord.key(p.head(), p.relation(), p.tail()));
        if (same != null) {
            return new Verdict(p, Decision.MERGE, "already a fact (" + same.state() + ")");
        }
        return judgeInvariants(p);
    }

    /**
     * Checks only the invariants (not whether the fact exists): ADMIT when it passes them all, LEFTOVER
     * with the counter-evidence otherwise. Used to re-examine LEFTOVER facts.
     */
    public Verdict judgeInvariants(Proposal p) {
        Integer r = relationIds.get(p.relation());
        if (r == null) {
            return new Verdict(p, Decision.REJECT, "unknown relation " + p.relation());
        }
        if (p.head().equals(p.tail()) && !selfLoops.contains(p.relation())) {
            return new Verdict(p, Decision.LEFTOVER, "relation " + p.relation() + Against.SELF_LOOP.marker
                    + factCount[r] + " believed facts");
        }
        Map<String, String> functional = functionalTail.get(p.relation());
        if (functional != null) {
            String other = functional.get(p.head());
            if (other != null && !other.equals(p.tail())) {
                return new Verdict(p, Decision.LEFTOVER, Against.FUNCTIONAL.marker + p.relation() + " (" + functional.size()
                        + " heads, one tail each): " + p.head() + " " + p.relation() + " " + other + " is believed");
            }
        }
        boolean typed = entityIds.containsKey(p.head()) && entityIds.containsKey(p.tail());
        if (typed && factCount[r] >= MIN_TYPED_FACTS) {
            if (!fits(heads, domainOf.get(r), entityIds.get(p.head()))) {
                return new Verdict(p, Decision.LEFTOVER, p.head() + Against.DOMAIN.marker + p.relation()
                        + " (never the head of " + p.relation() + " or of a relation of its kind)");
            }
            if (!fits(tails, rangeOf.get(r), entityIds.get(p.tail()))) {
                return new Verdict(p, Decision.LEFTOVER, p.tail() + Against.RANGE.marker + p.relation()
                        + " (never the tail of " + p.relation() + " or of a relation of its kind)");
            }
        }
        return new Verdict(p, Decision.ADMIT, "passes every invariant");
    }

    private static boolean fits(List<BitSet> ends, int[] kinds, int entity) {
        for (int k : kinds) {
            if (ends.get(k).get(entity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the verdicts into a change set: ADMIT as a CANDIDATE fact, MERGE as evidence (once per
     * source and fact), LEFTOVER as a LEFTOVER fact with its counter-evidence; REJECT writes nothing. A
     * judgement goes with the fact ({@code judgement}); a CONFIRM counts as its first confirmation.
     */
    public static void write(List<Verdict> verdicts, ChangeSet changes) {
        Set<String> seen = new HashSet<>();
        for (Verdict v : verdicts) {
            Proposal p = v.proposal();
            if (!seen.add(FactRecord.key(p.head(), p.relation(), p.tail()) + '\u0000' + p.source())) {
                continue;
            }
            switch (v.decision()) {
                case ADMIT -> changes.addFact(p.head(), p.relation(), p.tail(), p.source(), properties(v,
                        LifecycleState.CANDIDATE, null));
                case MERGE -> changes.evidence(p.head(), p.relation(), p.tail(), p.source());
                case LEFTOVER -> changes.addFact(p.head(), p.relation(), p.tail(), p.source(), properties(v,
                        LifecycleState.LEFTOVER, v.reason()));
                case REJECT -> {
                }
            }
        }
    }

    private static Map<String, Object> properties(Verdict v, LifecycleState state, String counterEvidence) {
        Proposal p = v.proposal();
        Map<String, Object> m = new HashMap<>();
        m.put("state", state.name());
        m.put("confidence", p.score());
        FactJudge.Judgement j = v.judgement();
        m.put("confirmations", j != null && j.call() == FactJudge.Call.CONFIRM && state == LifecycleState.CANDIDATE ? 1 : 0);
        if (j != null) {
            m.put("judgement", j.summary());
        }
        if (p.evidence() != null) {
            m.put("derivedBy", p.evidence());
        }
        if (counterEvidence != null) {
            m.put("counterEvidence", counterEvidence);
        }
        return m;
    }
}
