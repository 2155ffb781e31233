package org.strata.graph.eval;

import java.util.List;
import org.strata.graph.projection.Direction;

/**
 * Several scorers that each score every entity (embedding models), heard as one opinion: ranked by the sum
 * of their log-softmax probabilities (a product of experts), while a judge that weighs them one by one reads
 * them through {@link #voices()}.
 */
public final class Committee implements LinkScorer {

    private final List<LinkScorer> members;
    private final int entities;

    /**
     * @param members  at least two scorers whose sessions return {@link Scores.Dense} over the same entities
     * @param entities how many entities they score
     */
    public Committee(List<LinkScorer> members, int entities) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("a committee needs at least two members, got " + members.size());
        }
        this.members = List.copyOf(members);
        this.entities = entities;
    }

    /** One scorer alone, or a committee of several (none: null). */
    public static LinkScorer of(List<LinkScorer> scorers, int entities) {
        return scorers.isEmpty() ? null : scorers.size() == 1 ? scorers.get(0) : new Committee(scorers, entities);
    }

    @Override
    public String name() {
        return String.join(" + ", members.stream().map(LinkScorer::name).toList());
    }

    @Override
    public List<LinkScorer> voices() {
        return members;
    }

    @Override
    public Session newSession() {
        Session[] sessions = members.stream().map(LinkScorer::newSession).toArray(Session[]::new);
        float[] sum = new float[entities];
        return new Session() {
            @Override
            public Scores score(int entity, int relation, Direction direction) {
                java.util.Arrays.fill(sum, 0f);
                for (Session s : sessions) {
                    if (!(s.score(entity, relation, direction) instanceof Scores.Dense d) || d.values().length != entities) {
                        throw new IllegalStateException("a committee's members must score all " + entities + " entities");
                    }
                    float[] v = d.values();
                    double norm = Scores.logSumExp(v);
                    for (int i = 0; i < entities; i++) {
                        sum[i] += Float.isNaN(v[i]) ? Float.NaN : (float) (v[i] - norm);
                    }
                }
                return new Scores.Dense(sum);
            }

            @Override
            public void expect(int[] es, int[] rs, Direction[] ds, int count) {
                for (Session s : sessions) {
                    s.expect(es, rs, ds, count);
                }
            }
        };
    }
}
