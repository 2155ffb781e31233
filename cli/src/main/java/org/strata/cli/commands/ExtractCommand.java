package org.strata.cli.commands;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.Proposal;
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
import org.strata.llm.resolve.MiniLmEncoder;
import org.strata.rules.evolve.EvolveOptions;
import org.strata.rules.evolve.Gate;

/**
 * {@code strata extract}: text files to proposals by an LLM, resolved against the store's entities and
 * admitted through the governance gate as one undoable delta.
 */
public final class ExtractCommand implements Command {

    @Override
    public String name() {
        return "extract";
    }

    @Override
    public String summary() {
        return "Extract entities and relations from text with an LLM; they enter the store through the governance gate";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, LlmOptions.LLM_URL, LlmOptions.MODEL,
                LlmOptions.API_KEY_ENV, LlmOptions.CACHE, LlmOptions.CONCURRENCY, LlmOptions.ATTEMPTS, LlmOptions.TIMEOUT,
                LlmOptions.CHUNK, LlmOptions.OVERLAP, LlmOptions.NO_EMBEDDINGS, LlmOptions.JUDGE,
                EvolveOptions.FUNCTIONAL_MIN_HEADS, EvolveOptions.TYPING_OVERLAP,
                CliOptions.PROGRESS);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("FILE", "Plain text or Markdown files (UTF-8)", 1, Integer.MAX_VALUE);
    }

    static LlmSettings settings(Invocation in) {
        String keyEnv = in.get(LlmOptions.API_KEY_ENV);
        String key = null;
        if (keyEnv != null) {
            key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                throw new UsageException("--api-key-env " + keyEnv + ": that environment variable is not set");
            }
        }
        String cache = in.get(LlmOptions.CACHE);
        try {
            return new LlmSettings(in.require(LlmOptions.LLM_URL, "extract"), in.require(LlmOptions.MODEL, "extract"),
                    key, Duration.ofSeconds(in.get(LlmOptions.TIMEOUT)), in.get(LlmOptions.ATTEMPTS),
                    in.get(LlmOptions.CONCURRENCY), cache == null || cache.equals("none") ? null : Path.of(cache));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public int run(Invocation in) {
        LlmSettings settings = settings(in);
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f : in.positionals()) {
            try {
                texts.put(f, Files.readString(Path.of(f)));
            } catch (MalformedInputException e) {
                throw new UsageException(f + ": not UTF-8 text");
            } catch (IOException e) {
                throw new UsageException(f + ": cannot read (" + e.getMessage() + ")");
            }
        }
        Chunker chunker;
        try {
            chunker = new Chunker(in.get(LlmOptions.CHUNK), in.get(LlmOptions.OVERLAP));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LlmClient client = new LlmClient(settings);
        Extractor extractor = new Extractor(client, chunker);
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try (GraphStore store = in.openStore()) {
            List<ChunkResult> results = new ArrayList<>();
            for (Map.Entry<String, String> t : texts.entrySet()) {
                results.addAll(extractor.extract(t.getKey(), t.getValue(), pool, in.progress()));
            }
            long failed = results.stream().filter(ChunkResult::failed).count();
            long repaired = results.stream().filter(ChunkResult::repaired).count();
            in.out().println("Extracted " + Format.count(results.size() - failed) + " of " + Format.count(results.size())
                    + " chunks from " + texts.size() + (texts.size() == 1 ? " file" : " files") + " with " + settings.model()
                    + " (" + Format.count(repaired) + " after a repair round)");
            int shown = 0;
            for (ChunkResult r : results) {
                if (r.failed() && shown++ < 10) {
                    in.out().println("  failed, nothing written for it: " + r.where() + ": " + r.error());
                }
            }
            if (shown > 10) {
                in.out().println("  ... and " + (shown - 10) + " more failed chunks");
            }
            if (failed == results.size()) {
                in.err().println("error: no chunk could be extracted; nothing was written");
                return 1;
            }
            Set<String> uids = new HashSet<>();
            EntityResolver resolver = resolverFor(store, uids, in);
            if (in.get(LlmOptions.JUDGE)) {
                resolver.withJudge(new LlmJudge(client));
            }
            GraphProposals proposals = new ProposalBuilder(resolver, uids, settings.model(), Extractor.promptHash())
                    .build(results);
            in.out().print("  LLM use per stage (" + client.usage() + " in all):\n" + client.usage().perStage("    "));
            ChangeSet changes = admit(store, proposals, in);
            in.out().println("  entities: " + new TreeMap<>(proposals.resolved()) + " (NEW: created; the others name "
                    + "the resolution stage that found a known entity)");
            if (changes.isEmpty()) {
                in.out().println("  nothing to write");
                return 0;
            }
            String delta = store.apply(changes, "extract", in.commandLine(), in.progress());
            in.out().println("  written as delta " + delta + ": " + changes.counts() + "; undo with: strata undo "
                    + (in.get(GraphOptions.STORE) == null ? "" : "--store " + in.get(GraphOptions.STORE) + " ") + delta);
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    /**
     * A resolver that knows the store's entities (uids, names, types, aliases), with the embedding stage
     * unless {@code --no-embeddings}; {@code uids} receives every uid.
     */
    static EntityResolver resolverFor(GraphStore store, Set<String> uids, Invocation in) {
        Projection facts = store.project(in.progress());
        Map<String, String> names = store.names();
        Map<String, String> types = store.types();
        Map<String, List<String>> aliases = store.aliases();
        EntityResolver resolver = new EntityResolver();
        if (!in.get(LlmOptions.NO_EMBEDDINGS)) {
            resolver.withEncoder(new MiniLmEncoder());
        }
        for (int e = 0; e < facts.entityCount(); e++) {
            String uid = facts.entities().name(e);
            uids.add(uid);
            resolver.add(uid, names.get(uid), types.get(uid), null, aliases.getOrDefault(uid, List.of()));
        }
        for (Map.Entry<String, String> n : names.entrySet()) {
            if (uids.add(n.getKey())) {
                resolver.add(n.getKey(), n.getValue(), types.get(n.getKey()), null,
                        aliases.getOrDefault(n.getKey(), List.of()));
            }
        }
        return resolver;
    }

    /** The proposals through the gate, with their new entities and relations, as one change set. */
    static ChangeSet admit(GraphStore store, GraphProposals proposals, Invocation in) {
        Set<String> allowed = new HashSet<>();
        proposals.newEntities().forEach(e -> allowed.add(e.uid()));
        for (Proposal p : proposals.proposals()) {
            allowed.add(p.head());
            allowed.add(p.tail());
        }
        Gate gate = new Gate(store.facts(in.progress()), in.get(EvolveOptions.FUNCTIONAL_MIN_HEADS),
                in.get(EvolveOptions.TYPING_OVERLAP)).allowNew(allowed, true);
        List<Gate.Verdict> verdicts = new ArrayList<>();
        Map<String, Long> decisions = new TreeMap<>();
        for (Proposal p : proposals.proposals()) {
            Gate.Verdict v = gate.judge(p);
            verdicts.add(v);
            decisions.merge(v.decision().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        }
        in.out().println("  gate: " + decisions + " of " + proposals.proposals().size() + " proposed facts");
        ChangeSet changes = new ChangeSet();
        for (GraphProposals.NewEntity e : proposals.newEntities()) {
            changes.addEntity(e.uid(), e.name(), e.type());
        }
        for (GraphProposals.AliasMerge a : proposals.aliases()) {
            changes.addAlias(a.uid(), a.alias(), a.how());
        }
        for (Gate.Verdict v : verdicts) {
            if (v.decision() == Gate.Decision.ADMIT || v.decision() == Gate.Decision.LEFTOVER) {
                changes.newRelation(v.proposal().relation());
            }
        }
        Gate.write(verdicts, changes);
        return changes;
    }
}
