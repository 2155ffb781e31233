package org.strata.llm.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.strata.graph.config.OptionValues;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.GateOptions;
import org.strata.graph.govern.GateParameters;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.GraphStore;
import org.strata.llm.LlmOptions;
import org.strata.llm.client.LlmClient;
import org.strata.llm.client.LlmSettings;
import org.strata.llm.extract.ChunkResult;
import org.strata.llm.extract.Chunker;
import org.strata.llm.extract.Extractor;
import org.strata.llm.propose.GraphProposals;
import org.strata.llm.propose.ProposalBuilder;
import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.resolve.LlmJudge;

/**
 * Text to facts in the store: chunks extracted by the LLM, entities resolved against the store, the
 * proposals through the one {@link Admission}, written as one {@code extract} delta. A chunk whose
 * answer fails writes nothing; when every chunk fails nothing at all is written.
 */
public final class ExtractionJob {

    /**
     * The job's parameters.
     *
     * @param llm        how to reach the model
     * @param chunker    how texts are cut into chunks
     * @param embeddings whether entity resolution uses the name-embedding stage
     * @param judge      whether the LLM judges ambiguous entity matches
     * @param gate       the gate's thresholds
     */
    public record Parameters(LlmSettings llm, Chunker chunker, boolean embeddings, boolean judge, GateParameters gate) {

        /** From typed option values; a bad value throws naming its option. */
        public static Parameters of(OptionValues values) {
            return new Parameters(LlmOptions.settings(values),
                    new Chunker(values.get(LlmOptions.CHUNK), values.get(LlmOptions.OVERLAP)),
                    !values.get(LlmOptions.NO_EMBEDDINGS), values.get(LlmOptions.JUDGE), GateOptions.parameters(values));
        }
    }

    /**
     * What the job did.
     *
     * @param chunks    every chunk's result, failed ones with their error
     * @param proposals the resolved proposals (null when every chunk failed)
     * @param admission what the gate made of them (null when every chunk failed)
     * @param usage     LLM use per stage, in words
     * @param deltaId   the delta written, or null when nothing was
     */
    public record Result(List<ChunkResult> chunks, GraphProposals proposals, Admission.Result admission, String usage,
                         String usagePerStage, String deltaId) {

        /** Chunks whose answer could not be used. */
        public long failed() {
            return chunks.stream().filter(ChunkResult::failed).count();
        }

        /** Chunks that needed a repair round. */
        public long repaired() {
            return chunks.stream().filter(ChunkResult::repaired).count();
        }
    }

    private final Parameters parameters;
    private final ExecutorService pool;
    private final ProgressListener progress;

    /** A job whose requests run on {@code pool} (its size bounds the requests in flight). */
    public ExtractionJob(Parameters parameters, ExecutorService pool, ProgressListener progress) {
        this.parameters = parameters;
        this.pool = pool;
        this.progress = progress;
    }

    /** Extracts the texts (file name → text), admits and writes; {@code command} is recorded with the delta. */
    public Result run(GraphStore store, Map<String, String> texts, String command) {
        LlmClient client = new LlmClient(parameters.llm());
        Extractor extractor = new Extractor(client, parameters.chunker());
        List<ChunkResult> results = new ArrayList<>();
        for (Map.Entry<String, String> t : texts.entrySet()) {
            results.addAll(extractor.extract(t.getKey(), t.getValue(), pool, progress));
        }
        if (results.stream().allMatch(ChunkResult::failed)) {
            return new Result(results, null, null, client.usage().toString(), client.usage().perStage("    "), null);
        }
        Set<String> uids = new HashSet<>();
        EntityResolver resolver = StoreEntities.resolver(store, uids, parameters.embeddings(), progress);
        if (parameters.judge()) {
            resolver.withJudge(new LlmJudge(client));
        }
        GraphProposals proposals = new ProposalBuilder(resolver, uids, parameters.llm().model(), Extractor.promptHash())
                .build(results);
        Admission.Result admitted = ProposalAdmission.judge(store, proposals, parameters.gate(), progress);
        String delta = Admission.write(store, admitted.changes(), DeltaKind.EXTRACT, command, progress);
        return new Result(results, proposals, admitted, client.usage().toString(), client.usage().perStage("    "), delta);
    }
}
