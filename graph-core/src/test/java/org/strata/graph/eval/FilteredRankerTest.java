package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.projection.RelationIndex;

/** Ranks computed by hand. Entities e0..e5; the known answers of (e0, r, ?) are e1, e2 and e3. */
class FilteredRankerTest {

    @TempDir
    Path dir;

    private RelationIndex known() {
        Projection p = Projection.fromTsv(List.of(TestData.triples(dir, "k.tsv",
                "e0 r e1; e0 r e2; e0 r e3; e4 s e5")));
        // dictionary order of first sight: e0=0, e1=1, e2=2, e3=3, e4=4, e5=5
        return p.index(p.relations().id("r"), Direction.OUT);
    }

    private double dense(float... scores) {
        return new FilteredRanker(6).rank(new Scores.Dense(scores), 1, known(), 0);
    }

    @Test
    void dense_otherKnownAnswersAreFilteredOut() {
        // e2 and e3 score higher than the answer e1 but are known answers: filtered, rank 1
        assertEquals(1.0, dense(0, 5, 9, 8, 1, 2));
        // e5 scores higher and is not a known answer: rank 2
        assertEquals(2.0, dense(0, 5, 9, 8, 1, 7));
    }

    @Test
    void dense_tiesCountAtTheMeanPosition() {
        // answer e1 = 5 ties with e0, e4, e5 (e2, e3 filtered): block of 4 at positions 1..4, mean 2.5
        assertEquals(2.5, dense(5, 5, 5, 5, 5, 5));
        // one higher (e0), answer tied with e5: positions 2..3, mean 2.5
        assertEquals(2.5, dense(6, 5, 0, 0, 1, 5));
    }

    @Test
    void dense_constantScorerGetsAboutHalfOfTheCandidates() {
        int n = 1001;
        float[] zeros = new float[n];
        RelationIndex none = Projection.fromTsv(List.of(TestData.triples(dir, "z.tsv", "x r y"))).index(0, Direction.OUT);
        double rank = new FilteredRanker(n).rank(new Scores.Dense(zeros), 17, none, 5);
        assertEquals(501.0, rank, "1000 others tied: mean position of 1..1001");
    }

    @Test
    void dense_nanScoresCountAsLowest() {
        assertEquals(1.0, dense(Float.NaN, 5, 0, 0, Float.NaN, 1));
        assertEquals(3.0, dense(Float.NaN, Float.NaN, 0, 0, Float.NaN, -1), "NaN answer ties with e0 and e4, below e5");
    }

    @Test
    void sparse_scoredAnswer_ranksAmongScored() {
        Scores s = new Scores.Sparse(new int[] {2, 1, 5, 4}, new float[] {9, 3, 3, 4}, 4);
        // e2 filtered; e4 higher; e5 ties: rank 1 + 1 + 0.5
        assertEquals(2.5, new FilteredRanker(6).rank(s, 1, known(), 0));
    }

    @Test
    void sparse_unscoredAnswer_tiesWithTheOtherUnscored() {
        Scores s = new Scores.Sparse(new int[] {5, 2}, new float[] {1, 9}, 2);
        // scored and not filtered: e5 (1 above). Unscored, not filtered, not the answer: e0, e4 -> block of 3
        // (answer, e0, e4) at positions 2..4: mean 3
        assertEquals(3.0, new FilteredRanker(6).rank(s, 1, known(), 0));
        Scores empty = new Scores.Sparse(new int[0], new float[0], 0);
        // nothing scored: e0, e4, e5 and the answer tie at positions 1..4
        assertEquals(2.5, new FilteredRanker(6).rank(empty, 1, known(), 0));
    }

    @Test
    void sparse_duplicateEntity_isAnError() {
        Scores s = new Scores.Sparse(new int[] {4, 4}, new float[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class, () -> new FilteredRanker(6).rank(s, 1, known(), 0));
    }
}
