package org.strata.llm.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.GateParameters;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.GraphStore;
import org.strata.llm.graphdoc.GraphDocReader;
import org.strata.llm.propose.GraphProposals;
import org.strata.llm.propose.ProposalBuilder;

/**
 * Graph documents (entity and relationship records, as LLM graph transformers write them) into the
 * store: every file is read and checked first, names are resolved against the store, and the
 * relationships go through the one {@link Admission} as one {@code import} delta.
 */
public final class GraphDocImportJob {

    /**
     * What the job did.
     *
     * @param records   records read
     * @param proposals the resolved proposals
     * @param admission what the gate made of them
     * @param deltaId   the delta written, or null when nothing was
     */
    public record Result(int records, GraphProposals proposals, Admission.Result admission, String deltaId) {
    }

    private GraphDocImportJob() {
    }

    /** Reads, resolves (with the name-embedding stage when {@code embeddings}), admits and writes. */
    public static Result run(GraphStore store, List<Path> files, boolean embeddings, GateParameters gate,
                             String command, ProgressListener progress) {
        List<ProposalBuilder.Sourced> records = new ArrayList<>();
        for (Path f : files) {
            records.addAll(GraphDocReader.read(f));
        }
        Set<String> uids = new HashSet<>();
        GraphProposals proposals = new ProposalBuilder(StoreEntities.resolver(store, uids, embeddings, progress), uids,
                "graphdoc", "").buildSourced(records);
        Admission.Result admitted = ProposalAdmission.judge(store, proposals, gate, progress);
        String delta = Admission.write(store, admitted.changes(), DeltaKind.IMPORT, command, progress);
        return new Result(records.size(), proposals, admitted, delta);
    }
}
