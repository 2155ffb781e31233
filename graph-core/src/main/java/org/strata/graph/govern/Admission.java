package org.strata.graph.govern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.Proposal;

/**
 * Where a proposal is admitted: every proposer (an evolve cycle's rules, an embedding model, an LLM
 * extraction, a graph-document import) sends its proposals here. The {@link Gate} judges each one and
 * the verdicts become one change set (ADMIT as a CANDIDATE fact, MERGE as evidence, LEFTOVER with its
 * counter-evidence, REJECT nowhere); {@link #write} records it as one undoable delta.
 *
 * <p>Not thread-safe; one admission per batch of proposals.
 */
public final class Admission {

    /** What the gate made of a batch. */
    public record Result(List<Gate.Verdict> verdicts, Map<Gate.Decision, Long> decisions, ChangeSet changes) {

        /** The decisions in words, every decision named: {@code {admit=3, merge=0, leftover=1, reject=0}}. */
        public Map<String, Long> decisionCounts() {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            decisions.forEach((d, n) -> out.put(d.name().toLowerCase(java.util.Locale.ROOT), n));
            return out;
        }

        /** Up to {@code limit} verdicts other than ADMIT, each with its reason, in proposal order. */
        public List<String> examples(int limit) {
            List<String> out = new ArrayList<>();
            for (Gate.Verdict v : verdicts) {
                if (out.size() >= limit) {
                    break;
                }
                if (v.decision() != Gate.Decision.ADMIT) {
                    Proposal p = v.proposal();
                    out.add(v.decision() + ": " + p.head() + " " + p.relation() + " " + p.tail() + " — " + v.reason());
                }
            }
            return out;
        }
    }

    private final Gate gate;
    private final FactJudge judge;

    /** An admission through {@code gate} alone. */
    public Admission(Gate gate) {
        this(gate, null);
    }

    /**
     * An admission through {@code gate}, each proposal it admits weighed by {@code judge} (null: none): a
     * doubted one becomes LEFTOVER with the evidence against, a confirmed one enters with its first
     * confirmation. A proposal held back only by the learned domain or range is weighed too, and enters
     * if the judge confirms it (see {@link Gate.Verdict#judged}).
     */
    public Admission(Gate gate, FactJudge judge) {
        this.gate = gate;
        this.judge = judge;
    }

    /** An admission through a gate that learns its invariants from the store's facts now. */
    public static Admission of(GraphStore store, GateParameters parameters, ProgressListener progress) {
        return new Admission(new Gate(store.facts(progress), parameters));
    }

    /** The gate the proposals go through. */
    public Gate gate() {
        return gate;
    }

    /** Judges the proposals into a new change set. */
    public Result judge(List<Proposal> proposals) {
        return judge(proposals, new ChangeSet());
    }

    /**
     * Judges the proposals and adds what they become to {@code changes} (which may already hold the new
     * entities and aliases the proposals name). Where the gate allows new relations, each admitted or
     * LEFTOVER fact's relation is declared in the change set.
     */
    public Result judge(List<Proposal> proposals, ChangeSet changes) {
        List<Gate.Verdict> verdicts = new ArrayList<>(proposals.size());
        Map<Gate.Decision, Long> decisions = new EnumMap<>(Gate.Decision.class);
        for (Gate.Decision d : Gate.Decision.values()) {
            decisions.put(d, 0L);
        }
        List<Gate.Verdict> byGate = new ArrayList<>(proposals.size());
        List<Proposal> admitted = new ArrayList<>();
        for (Proposal p : proposals) {
            Gate.Verdict v = gate.judge(p);
            byGate.add(v);
            if (v.weighable()) {
                admitted.add(p);
            }
        }
        java.util.Iterator<FactJudge.Judgement> judged = judge == null ? null : judge.judgeAll(admitted).iterator();
        for (Gate.Verdict byInvariants : byGate) {
            Proposal p = byInvariants.proposal();
            Gate.Verdict v = judged != null && byInvariants.weighable() ? byInvariants.judged(judged.next()) : byInvariants;
            verdicts.add(v);
            decisions.merge(v.decision(), 1L, Long::sum);
            boolean written = v.decision() == Gate.Decision.ADMIT || v.decision() == Gate.Decision.LEFTOVER;
            if (written && gate.allowsNewRelations()) {
                changes.newRelation(p.relation());
            }
        }
        Gate.write(verdicts, changes);
        return new Result(Collections.unmodifiableList(verdicts), Collections.unmodifiableMap(decisions), changes);
    }

    /**
     * Records the change set as one delta of {@code kind}; returns its id, or null when there was nothing
     * to write.
     */
    public static String write(GraphStore store, ChangeSet changes, DeltaKind kind, String command,
                               ProgressListener progress) {
        return changes.isEmpty() ? null : store.apply(changes, kind, command, progress);
    }
}
