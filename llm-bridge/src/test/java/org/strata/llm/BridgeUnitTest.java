package org.strata.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.llm.extract.Chunker;
import org.strata.llm.extract.ExtractionSchema;
import org.strata.llm.resolve.EntityResolver;
import org.strata.llm.resolve.NameKey;

/** Chunking, the schema check, name keys and the resolution cascade. */
class BridgeUnitTest {

    @Test
    void chunks_coverTheText_overlap_andBreakAtSentences() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            b.append("Sentence number ").append(i).append(" says something about viruses. ");
        }
        String text = b.toString();
        List<Chunker.Chunk> chunks = new Chunker(500, 100).split(text);
        assertTrue(chunks.size() > 4);
        assertEquals(0, chunks.get(0).start());
        assertEquals(text.length(), chunks.get(chunks.size() - 1).end());
        for (int i = 0; i < chunks.size(); i++) {
            Chunker.Chunk c = chunks.get(i);
            assertEquals(text.substring(c.start(), c.end()), c.text());
            assertTrue(c.text().length() <= 500);
            if (i > 0) {
                assertTrue(c.start() < chunks.get(i - 1).end(), "chunks overlap");
            }
            if (i < chunks.size() - 1) {
                assertTrue(c.text().endsWith("."), "breaks after a sentence: [" + c.text() + "]");
            }
        }
    }

    @Test
    void schemaCheck_namesEveryProblemByPath() {
        assertEquals(List.of(), ExtractionSchema.problems("""
                {"entities": [{"name": "A", "type": "t", "description": "", "aliases": []}], "relations": []}"""));
        List<String> p = ExtractionSchema.problems("""
                {"entities": [{"name": "A", "type": "t", "description": "", "aliases": [3], "x": 1}],
                 "relations": [{"source": "A", "relation": "Bad Label", "target": "B", "description": ""}],
                 "extra": true}""");
        assertTrue(p.contains("$.extra: not in the schema"), p.toString());
        assertTrue(p.contains("$.entities[0].x: not in the schema"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.entities[0].aliases[0]")), p.toString());
        assertTrue(p.contains("$.relations[0].relation: 'Bad Label' is not a lower snake case label"), p.toString());
        assertTrue(p.contains("$.relations[0].target: 'B' is not the name of an entity in $.entities"), p.toString());
        assertTrue(ExtractionSchema.problems("{\"entities\": [").get(0).startsWith("$: not JSON"));
    }

    @Test
    void nameKeys_ignoreCasePunctuationAccentsAndArticles() {
        assertEquals("influenza virus", NameKey.of("The  Influenza-Virus"));
        assertEquals("sao paulo", NameKey.of("São Paulo"));
        assertEquals("sao_paulo", NameKey.uid(NameKey.of("São Paulo")));
    }

    @Test
    void resolution_cascade_keyAliasMinhash_andShortNamesOnlyExactly() {
        EntityResolver r = new EntityResolver();
        r.add("tobacco_mosaic_virus", "Tobacco mosaic virus", List.of("TMV"));
        r.add("ibm", "IBM", List.of());
        r.add("ibm_corp", "International Business Machines Corporation", List.of());
        r.add("ibn", "IBN", List.of());
        assertEquals(EntityResolver.Stage.KEY, r.resolve("the Tobacco-Mosaic Virus", List.of()).stage());
        assertEquals("tobacco_mosaic_virus", r.resolve("TMV", List.of()).uid());
        assertEquals(EntityResolver.Stage.ALIAS, r.resolve("TMV", List.of()).stage());
        EntityResolver.Match typo = r.resolve("International Business Machine Corporation", List.of());
        assertEquals(EntityResolver.Stage.MINHASH, typo.stage(), "a one-letter change in a long name (Jaccard 0.9)");
        assertEquals("ibm_corp", typo.uid());
        assertNull(r.resolve("Tobacco mosaic viruses", List.of()), "3-gram Jaccard 0.83: below the 0.9 bar");
        assertNull(r.resolve("Tomato mosaic virus", List.of()), "a different virus with a similar name");
        assertNull(r.resolve("IBX", List.of()), "short names are never matched on similarity");
        assertEquals("ibm", r.resolve("ibm", List.of()).uid());
    }

    @Test
    void variants_wordOrderInitialsTransliterationAndOneEdit_butNeverDigitsOrAmbiguity() {
        EntityResolver r = new EntityResolver();
        r.add("m1", "Jeremy Irons", List.of());
        r.add("m2", "Jürgen Müller", List.of());
        r.add("m3", "Super Bowl XLII", List.of());
        r.add("m4", "Game 1", List.of());
        r.add("m5", "John Smith", List.of());
        r.add("m6", "Jane Smith", List.of());
        assertEquals(new EntityResolver.Match("m1", EntityResolver.Stage.VARIANT), r.resolve("Irons, Jeremy", List.of()));
        assertEquals(new EntityResolver.Match("m1", EntityResolver.Stage.VARIANT), r.resolve("J. Irons", List.of()));
        assertEquals("m2", r.resolve("Juergen Mueller", List.of()).uid());
        assertEquals("m3", r.resolve("Super Bowl XLIII", List.of()).uid());
        r.add("m7", "Johann Sebastian Bach", List.of());
        assertEquals(new EntityResolver.Match("m7", EntityResolver.Stage.EDIT), r.resolve("Johann Sebastain Bach",
                List.of()), "two letters swapped: one edit from a unique candidate");
        assertNull(r.resolve("J. Smith", List.of()), "two known J. Smiths: no guess");
        assertNull(r.resolve("Game 2", List.of()), "a different number is a different thing");
        assertEquals(true, EntityResolver.oneEditForTest("irons", "iorns"));
    }
}
