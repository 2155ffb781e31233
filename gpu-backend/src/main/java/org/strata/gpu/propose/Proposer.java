package org.strata.gpu.propose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.eval.Scores;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;
import org.strata.graph.store.Proposal;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.EmbeddingModel;

/**
 * A trained model as a proposer: for every relation, it asks for the tails of each entity that already
 * has that relation (and the heads of each entity that is already its object), and keeps the most
 * probable answers that are not facts yet. It proposes; it never writes the store.
 */
public final class Proposer {

    /** Queries scored together by one matrix product. */
    private static final int BLOCK = 64;

    private final EmbeddingModel model;
    private final Projection facts;

    public Proposer(EmbeddingModel model, Projection facts) {
        this.model = model;
        this.facts = facts;
    }

    /** A candidate by ids, with the model's probability of its answer given its query. */
    private record Scored(int head, int relation, int tail, double score) {
    }

    /**
     * The {@code top} best new facts, best first, as proposals from {@code source} (the model, in words);
     * {@code relation} limits them to one relation (-1: all). A proposal's score is the model's probability
     * of its answer given the query it answers (softmax over all entities).
     */
    public List<Proposal> propose(int top, int relation, String source, ProgressListener progress) {
        EmbeddingScorer scorer = new EmbeddingScorer(model, facts.entities(), facts.relations());
        LinkScorer.Session session = scorer.newSession();
        Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
        PriorityQueue<Scored> best = new PriorityQueue<>(byScore);
        Map<Long, Double> seen = new HashMap<>();
        long queries = 0;
        for (int r = 0; r < facts.relationCount(); r++) {
            if (relation < 0 || r == relation) {
                queries += facts.index(r, Direction.OUT).keyCount() + facts.index(r, Direction.IN).keyCount();
            }
        }
        progress.begin("propose", queries, "queries");
        try {
            for (int r = 0; r < facts.relationCount(); r++) {
                if (relation >= 0 && r != relation) {
                    continue;
                }
                for (Direction d : Direction.values()) {
                    RelationIndex index = facts.index(r, d);
                    for (int k = 0; k < index.keyCount(); k++) {
                        if (k % BLOCK == 0) {
                            announce(session, index, k, r, d);
                        }
                        int entity = index.key(k);
                        Scores scores = session.score(entity, r, d);
                        float[] s = ((Scores.Dense) scores).values();
                        double max = Double.NEGATIVE_INFINITY;
                        for (float v : s) {
                            if (!Float.isNaN(v)) {
                                max = Math.max(max, v);
                            }
                        }
                        if (max == Double.NEGATIVE_INFINITY) {
                            continue;
                        }
                        double sum = 0;
                        for (float v : s) {
                            if (!Float.isNaN(v)) {
                                sum += Math.exp(v - max);
                            }
                        }
                        for (int other = 0; other < s.length; other++) {
                            if (Float.isNaN(s[other]) || other == entity) {
                                continue;
                            }
                            double p = Math.exp(s[other] - max) / sum;
                            if (best.size() == top && p <= best.peek().score()) {
                                continue;
                            }
                            int h = d == Direction.OUT ? entity : other;
                            int t = d == Direction.OUT ? other : entity;
                            if (facts.contains(h, r, t)) {
                                continue;
                            }
                            long key = ((long) h * facts.relationCount() + r) * facts.entityCount() + t;
                            Double before = seen.get(key);
                            if (before != null && before >= p) {
                                continue;
                            }
                            if (before != null) {
                                int rel = r;
                                best.removeIf(x -> x.head() == h && x.relation() == rel && x.tail() == t);
                            }
                            seen.put(key, p);
                            best.add(new Scored(h, r, t, p));
                            if (best.size() > top) {
                                best.poll();
                            }
                        }
                        progress.advance(1);
                    }
                }
            }
        } finally {
            progress.end();
        }
        List<Scored> ranked = new ArrayList<>(best);
        ranked.sort(byScore.reversed());
        List<Proposal> out = new ArrayList<>(ranked.size());
        for (Scored c : ranked) {
            out.add(new Proposal(facts.entities().name(c.head()), facts.relations().name(c.relation()),
                    facts.entities().name(c.tail()), c.score(), source, null));
        }
        return out;
    }

    /** Tells the session which queries come next: the keys {@code from} to {@code from + BLOCK} of the index. */
    private static void announce(LinkScorer.Session session, RelationIndex index, int from, int r, Direction d) {
        int count = Math.min(BLOCK, index.keyCount() - from);
        int[] entities = new int[count];
        int[] relations = new int[count];
        Direction[] directions = new Direction[count];
        for (int i = 0; i < count; i++) {
            entities[i] = index.key(from + i);
            relations[i] = r;
            directions[i] = d;
        }
        session.expect(entities, relations, directions, count);
    }
}
