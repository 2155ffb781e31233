package org.strata.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strata.llm.resolve.EntityJudge;
import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.client.MiniLmEncoder;
import org.strata.llm.client.NameEncoder;

/**
 * The semantic end of the resolution cascade with the real in-process model (all-MiniLM-L6-v2, ONNX):
 * an embedding merge needs a high cosine, agreeing types, the same digits, corresponding words and a
 * long name; near misses and short names go to the judge when there is one, never merged on
 * embeddings alone.
 */
class EmbeddingStageTest {

    static NameEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new MiniLmEncoder();
    }

    private static EntityResolver known() {
        EntityResolver r = new EntityResolver().withEncoder(encoder);
        r.add("m1", "The Untouchables", "film", null, List.of());
        r.add("m2", "University of Georgia", "school", null, List.of());
        r.add("m3", "Apollo 11 mission", "event", null, List.of());
        r.add("m4", "NYC", "city", "The most populous city in the United States", List.of());
        return r;
    }

    @Test
    void encoder_givesUnitVectors_closerForTheSameThing() {
        float[][] v = encoder.encode(List.of("untouchables the", "untouchables", "tobacco mosaic virus"));
        double n = 0;
        for (float x : v[0]) {
            n += x * x;
        }
        assertEquals(1.0, n, 1e-4);
        assertTrue(dot(v[0], v[1]) > 0.93, "the same title, article moved: " + dot(v[0], v[1]));
        assertTrue(dot(v[0], v[2]) < 0.5, "unrelated names: " + dot(v[0], v[2]));
    }

    @Test
    void embeddingStage_mergesOnlyWithAgreeingTypesDigitsAndWords() {
        EntityResolver r = known();
        assertEquals(new EntityResolver.Match("m1", EntityResolver.Stage.EMBEDDING),
                r.resolve("Untouchables, The", "film", null, List.of()), "an article moved to the end");
        assertNull(r.resolve("Untouchables, The", "person", null, List.of()), "a person named like the film");
        assertNull(r.resolve("Georgia State University", "school", null, List.of()),
                "cosine 0.94, but another university: 'state' has no counterpart");
        assertNull(r.resolve("Apollo 13 mission", "event", null, List.of()), "another number, another mission");
        assertNull(r.resolve("New York City", "city", null, List.of()), "NYC is short: never merged on embeddings");
        assertEquals("m1", r.resolve("Untouchables, The", null, null, List.of()).uid(), "no type given: no type check");
        assertNull(new EntityResolver().resolve("Untouchables, The", List.of()), "no encoder, no embedding stage");
    }

    @Test
    void judge_seesOnlyNearMisses_andDecides() {
        List<String> asked = new ArrayList<>();
        EntityJudge yes = (mention, candidate) -> {
            asked.add(mention.name() + " ~ " + candidate.name() + " (" + candidate.type() + ": "
                    + candidate.description() + ")");
            return true;
        };
        EntityResolver r = known().withJudge(yes);
        assertEquals(new EntityResolver.Match("m4", EntityResolver.Stage.JUDGE),
                r.resolve("New York City", "city", null, List.of()));
        assertEquals(List.of("New York City ~ nyc (city: The most populous city in the United States)"), asked);
        assertEquals(EntityResolver.Stage.EMBEDDING, r.resolve("Untouchables, The", "film", null, List.of()).stage(),
                "a clear embedding match is not sent to the judge");
        assertNull(r.resolve("Tobacco mosaic virus", "virus", null, List.of()), "nothing near: the judge is not asked");
        assertEquals(1, asked.size());
        EntityResolver strict = known().withJudge((m, c) -> false);
        assertNull(strict.resolve("New York City", "city", null, List.of()), "the judge said no");
    }

    @Test
    void namesLearnedDuringARun_areEncodedOnDemand() {
        EntityResolver r = known();
        assertNull(r.resolve("Namesake, The", "film", null, List.of()));
        r.add("m9", "The Namesake", "film", null, List.of());
        assertEquals(new EntityResolver.Match("m9", EntityResolver.Stage.EMBEDDING),
                r.resolve("Namesake, The", "film", null, List.of()));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
