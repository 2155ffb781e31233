package org.strata.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.strata.graph.eval.TripleClassification;
import org.strata.graph.govern.Gate;
import org.strata.graph.projection.Dataset;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;

/**
 * A noisy feed of proposals, as an extraction would send them: a split's true triples and as many false
 * ones, shuffled, in batches, each proposal with one source; and the tally of what became of them in a
 * store: how many true and how many false proposals are in each lifecycle state (or nowhere, rejected).
 */
final class NoisyFeed {

    /**
     * What became of the feed's proposals, true and false, by state ({@code "REJECTED"}: not in the store);
     * and the LEFTOVER ones by where their counter-evidence comes from: {true, false} per invariant or judge.
     */
    record Tally(Map<String, Long> trueByState, Map<String, Long> falseByState, long leftoverWithoutEvidence,
                 Map<Gate.Against, long[]> leftoverAgainst) {

        /** Proposals counted, every state of both kinds together. */
        long total() {
            return trueByState.values().stream().mapToLong(Long::longValue).sum()
                    + falseByState.values().stream().mapToLong(Long::longValue).sum();
        }

        /** True proposals sent, whatever became of them. */
        long trueSent() {
            return trueByState.values().stream().mapToLong(Long::longValue).sum();
        }

        /** True proposals believed (STABLE or SOLIDIFIED). */
        long trueBelieved() {
            return believed(trueByState);
        }

        /** False proposals believed. */
        long falseBelieved() {
            return believed(falseByState);
        }

        private static long believed(Map<String, Long> byState) {
            long n = 0;
            for (LifecycleState s : LifecycleState.values()) {
                n += s.believed() ? byState.getOrDefault(s.name(), 0L) : 0;
            }
            return n;
        }
    }

    static final String REJECTED = "REJECTED";

    private final List<Proposal> proposals;
    private final Map<String, Boolean> truth = new HashMap<>();
    private final long positives;

    /**
     * The labelled triples of a split (those naming an entity or relation the dataset lacks are left out),
     * shuffled with {@code seed}; each proposal's source names the feed and its position.
     */
    NoisyFeed(Dataset data, TripleClassification.Labelled labelled, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            if (labelled.heads()[i] >= 0 && labelled.relations()[i] >= 0 && labelled.tails()[i] >= 0) {
                order.add(i);
            }
        }
        Collections.shuffle(order, new Random(seed));
        List<Proposal> out = new ArrayList<>();
        long pos = 0;
        for (int i : order) {
            String h = data.entities().name(labelled.heads()[i]);
            String r = data.relations().name(labelled.relations()[i]);
            String t = data.entities().name(labelled.tails()[i]);
            if (truth.putIfAbsent(FactRecord.key(h, r, t), labelled.positive()[i]) != null) {
                continue; // the same triple twice in the feed: judged once
            }
            pos += labelled.positive()[i] ? 1 : 0;
            out.add(new Proposal(h, r, t, 0.5, "noisy feed item " + out.size(), null));
        }
        this.proposals = List.copyOf(out);
        this.positives = pos;
    }

    /** Every proposal, in feed order. */
    List<Proposal> proposals() {
        return proposals;
    }

    /** How many proposals are true. */
    long positives() {
        return positives;
    }

    /** How many are false. */
    long negatives() {
        return proposals.size() - positives;
    }

    /** Whether a proposal is true. */
    boolean isTrue(Proposal p) {
        return truth.get(FactRecord.key(p.head(), p.relation(), p.tail()));
    }

    /** Batch {@code b} of {@code batches} (consecutive, sizes differing by at most one). */
    List<Proposal> batch(int b, int batches) {
        int n = proposals.size();
        return proposals.subList((int) ((long) n * b / batches), (int) ((long) n * (b + 1) / batches));
    }

    /** What became of the proposals sent so far (the first {@code sent}), from the store's facts. */
    Tally tally(List<FactRecord> facts, int sent) {
        Map<String, FactRecord> byKey = new HashMap<>();
        for (FactRecord f : facts) {
            byKey.put(f.key(), f);
        }
        Map<String, Long> t = states();
        Map<String, Long> f = states();
        long withoutEvidence = 0;
        Map<Gate.Against, long[]> against = new java.util.EnumMap<>(Gate.Against.class);
        for (Gate.Against a : Gate.Against.values()) {
            against.put(a, new long[2]);
        }
        for (Proposal p : proposals.subList(0, sent)) {
            FactRecord r = byKey.get(FactRecord.key(p.head(), p.relation(), p.tail()));
            String state = r == null ? REJECTED : r.state().name();
            (isTrue(p) ? t : f).merge(state, 1L, Long::sum);
            if (r != null && r.state() == LifecycleState.LEFTOVER
                    && (r.counterEvidence() == null || r.counterEvidence().isBlank())) {
                withoutEvidence++;
            }
            if (r != null && r.state() == LifecycleState.LEFTOVER) {
                against.get(Gate.Against.of(r.counterEvidence()))[isTrue(p) ? 0 : 1]++;
            }
        }
        return new Tally(t, f, withoutEvidence, against);
    }

    private static Map<String, Long> states() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (LifecycleState s : LifecycleState.values()) {
            m.put(s.name(), 0L);
        }
        m.put(REJECTED, 0L);
        return m;
    }
}
