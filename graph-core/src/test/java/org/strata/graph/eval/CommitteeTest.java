package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.graph.projection.Direction;

/** A committee ranks by the sum of its members' log-softmax probabilities and speaks with their voices. */
class CommitteeTest {

    /** Scores every one of {@code n} entities by a fixed formula of the query and the entity. */
    private record Formula(String name, int n, double scale) implements LinkScorer {
        @Override
        public Session newSession() {
            float[] v = new float[n];
            return (entity, relation, direction) -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (scale * Math.sin(entity + 3 * relation + i * (direction == Direction.OUT ? 1 : 2)));
                }
                return new Scores.Dense(v);
            };
        }
    }

    @Test
    void scoresAreTheSumOfTheMembersLogProbabilities() {
        LinkScorer a = new Formula("a", 7, 2.0);
        LinkScorer b = new Formula("b", 7, 5.0);
        LinkScorer c = Committee.of(List.of(a, b), 7);
        assertEquals("a + b", c.name());
        assertEquals(List.of(a, b), c.voices());
        LinkScorer.Session s = c.newSession();
        LinkScorer.Session sa = a.newSession();
        LinkScorer.Session sb = b.newSession();
        for (Direction d : Direction.values()) {
            float[] got = ((Scores.Dense) s.score(4, 1, d)).values().clone();
            for (int i = 0; i < 7; i++) {
                double want = Scores.logSoftmax(sa.score(4, 1, d), i) + Scores.logSoftmax(sb.score(4, 1, d), i);
                assertEquals(want, got[i], 1e-5, "entity " + i + ", " + d);
            }
        }
    }

    @Test
    void oneScorer_isItsOwnVoice_andNoneIsNoOpinion() {
        LinkScorer a = new Formula("a", 3, 1.0);
        assertSame(a, Committee.of(List.of(a), 3));
        assertEquals(List.of(a), a.voices());
        assertEquals(null, Committee.of(List.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> new Committee(List.of(a), 3));
    }

    @Test
    void aMemberThatDoesNotScoreEveryEntity_isRefused() {
        LinkScorer sparse = new LinkScorer() {
            @Override
            public String name() {
                return "sparse";
            }

            @Override
            public Session newSession() {
                return (entity, relation, direction) -> new Scores.Sparse(new int[] {0}, new float[] {1f}, 1);
            }
        };
        LinkScorer.Session s = new Committee(List.of(new Formula("a", 3, 1.0), sparse), 3).newSession();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.score(0, 0, Direction.OUT));
        assertEquals("a committee's members must score all 3 entities", e.getMessage());
    }
}
