package org.strata.llm.propose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.strata.graph.store.Proposal;
import org.strata.llm.extract.ChunkResult;
import org.strata.llm.extract.Extraction;
import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.resolve.NameKey;

/**
 * Turns extractions into proposals: every entity name is resolved (against the store's entities and
 * those met earlier in the run), unmatched ones become new entities, and every relation becomes a
 * proposed fact whose source names the model, prompt hash, file, chunk and character span.
 */
public final class ProposalBuilder {

    /** The score an extracted fact carries: the text states it, but one reading is one source. */
    public static final double EXTRACTED_SCORE = 0.5;

    private final EntityResolver resolver;
    private final Set<String> takenUids;
    private final String model;
    private final String promptHash;

    /**
     * @param model      names the extractor in provenance (the LLM's model name)
     * @param resolver   knows the store's entities
     * @param takenUids  the store's entity uids (a new entity never reuses one)
     */
    public ProposalBuilder(EntityResolver resolver, Set<String> takenUids, String model, String promptHash) {
        this.resolver = resolver;
        this.takenUids = new HashSet<>(takenUids);
        this.model = model;
        this.promptHash = promptHash;
    }

    /** An extraction and the provenance of everything in it. */
    public record Sourced(String source, Extraction extraction) {
    }

    /** Proposals from LLM chunk results (failed chunks contribute nothing). */
    public GraphProposals build(List<ChunkResult> chunks) {
        List<Sourced> sourced = new ArrayList<>();
        for (ChunkResult c : chunks) {
            if (!c.failed()) {
                sourced.add(new Sourced("llm " + model + " prompt " + promptHash + " " + c.where(), c.extraction()));
            }
        }
        return buildSourced(sourced);
    }

    /** Proposals from extractions with their provenance (an LLM's chunks, or imported records). */
    public GraphProposals buildSourced(List<Sourced> extractions) {
        List<GraphProposals.NewEntity> created = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        Map<String, Long> resolved = new LinkedHashMap<>();
        Map<String, GraphProposals.AliasMerge> aliases = new LinkedHashMap<>();
        for (Sourced c : extractions) {
            String source = c.source();
            Map<String, String> uidOfName = new HashMap<>();
            for (Extraction.Entity e : c.extraction().entities()) {
                EntityResolver.Match m = resolver.resolve(e.name(), e.type(), e.description(), e.aliases());
                String uid;
                if (m != null) {
                    uid = m.uid();
                    resolved.merge(m.stage().name(), 1L, Long::sum);
                    if (m.stage() != EntityResolver.Stage.KEY && m.stage() != EntityResolver.Stage.ALIAS) {
                        aliases.putIfAbsent(uid + "\u0000" + NameKey.of(e.name()), new GraphProposals.AliasMerge(uid,
                                e.name(), m.stage().name().toLowerCase(java.util.Locale.ROOT) + " match, " + source));
                        resolver.add(uid, null, List.of(e.name()));
                    }
                } else {
                    uid = freshUid(e.name());
                    resolver.add(uid, e.name(), e.type(), e.description(), e.aliases());
                    created.add(new GraphProposals.NewEntity(uid, e.name(), e.type(), source));
                    resolved.merge("NEW", 1L, Long::sum);
                    for (String a : e.aliases()) {
                        if (!NameKey.of(a).isEmpty() && !NameKey.of(a).equals(NameKey.of(e.name()))) {
                            aliases.putIfAbsent(uid + "\u0000" + NameKey.of(a), new GraphProposals.AliasMerge(uid, a,
                                    "declared, " + source));
                        }
                    }
                }
                uidOfName.put(e.name(), uid);
            }
            for (Extraction.Relation r : c.extraction().relations()) {
                String h = uidOfName.get(r.source());
                String t = uidOfName.get(r.target());
                if (h != null && t != null) {
                    proposals.add(new Proposal(h, r.relation(), t, EXTRACTED_SCORE, source,
                            r.description().isEmpty() ? null : r.description()));
                }
            }
        }
        return new GraphProposals(List.copyOf(created), List.copyOf(proposals), resolved,
                List.copyOf(aliases.values()));
    }

    private String freshUid(String name) {
        String base = NameKey.uid(NameKey.of(name));
        if (base.isEmpty()) {
            base = "entity";
        }
        String uid = base;
        for (int i = 2; !takenUids.add(uid); i++) {
            uid = base + "_" + i;
        }
        return uid;
    }
}
