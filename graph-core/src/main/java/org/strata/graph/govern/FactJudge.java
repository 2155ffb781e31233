package org.strata.graph.govern;

import java.util.ArrayList;
import java.util.List;
import org.strata.graph.store.Proposal;

/**
 * A second opinion on a proposed fact, beyond the {@link Gate}'s invariants: how plausible the believed
 * structure finds it, with the evidence for and against. The gate's invariants catch what contradicts the
 * structure; a judge weighs what merely fails to fit it. Implemented where the structure's models live (the
 * rules' judge in structure-rules); {@link Admission} and the evolve lifecycle consult it.
 */
public interface FactJudge {

    /** What a judge makes of a fact. */
    enum Call {
        /** Plausible enough to count as one confirmation. */
        CONFIRM,
        /** Neither: it waits for more evidence. */
        UNDECIDED,
        /** So implausible that it is held back as LEFTOVER, the evidence against recorded. */
        DOUBT
    }

    /**
     * A judgement.
     *
     * @param plausibility    the judge's probability that the fact is true (calibrated on the believed facts)
     * @param call            what it makes of that probability
     * @param evidenceFor     what speaks for the fact, in words ("" when nothing does)
     * @param evidenceAgainst what speaks against it, in words ("" when nothing does)
     */
    record Judgement(double plausibility, Call call, String evidenceFor, String evidenceAgainst) {

        /** The judgement in one line: its call, its plausibility and the evidence on the side of the call. */
        public String summary() {
            String evidence = call == Call.DOUBT ? evidenceAgainst : evidenceFor;
            return call.name().toLowerCase(java.util.Locale.ROOT) + " (plausibility "
                    + String.format(java.util.Locale.ROOT, "%.3f", plausibility) + ")"
                    + (evidence.isEmpty() ? "" : ": " + evidence);
        }
    }

    /** Judges one fact by its names; a fact naming an entity or relation the judge does not know is UNDECIDED. */
    Judgement judge(String head, String relation, String tail);

    /** Judges many proposals, in their order (an implementation may work on several threads). */
    default List<Judgement> judgeAll(List<Proposal> proposals) {
        List<Judgement> out = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            out.add(judge(p.head(), p.relation(), p.tail()));
        }
        return out;
    }
}
