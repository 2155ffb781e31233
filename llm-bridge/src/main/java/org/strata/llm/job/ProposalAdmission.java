package org.strata.llm.job;

import java.util.HashSet;
import java.util.Set;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.Gate;
import org.strata.graph.govern.GateParameters;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.Proposal;
import org.strata.llm.propose.GraphProposals;

/**
 * Resolved graph proposals (from an extraction or a graph document) through the one {@link Admission}:
 * their new entities and aliases first, then the facts as the gate decides, new relations allowed.
 */
final class ProposalAdmission {

    private ProposalAdmission() {
    }

    /** Judges the proposals against the store's facts; nothing is written. */
    public static Admission.Result judge(GraphStore store, GraphProposals proposals, GateParameters parameters,
                                         ProgressListener progress) {
        Set<String> allowed = new HashSet<>();
        proposals.newEntities().forEach(e -> allowed.add(e.uid()));
        for (Proposal p : proposals.proposals()) {
            allowed.add(p.head());
            allowed.add(p.tail());
        }
        Gate gate = new Gate(store.facts(progress), parameters).allowNew(allowed, true);
        ChangeSet changes = new ChangeSet();
        for (GraphProposals.NewEntity e : proposals.newEntities()) {
            changes.addEntity(e.uid(), e.name(), e.type());
        }
        for (GraphProposals.AliasMerge a : proposals.aliases()) {
            changes.addAlias(a.uid(), a.alias(), a.how());
        }
        return new Admission(gate).judge(proposals.proposals(), changes);
    }
}
