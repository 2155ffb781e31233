package org.strata.rules.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.io.InputException;
import org.strata.graph.projection.Dictionary;

/** The AnyBURL rule file format: every rule shape survives a round trip, AnyBURL's own lines read, bad lines are named. */
class RuleFormatTest {

    @TempDir
    Path dir;

    private final Dictionary entities = new Dictionary();
    private final Dictionary relations = new Dictionary();

    RuleFormatTest() {
        for (String e : new String[] {"/m/0abc", "paris", "france", "ab,cd"}) {
            entities.add(e);
        }
        for (String r : new String[] {"/film/film/genre", "capital_of", "located_in"}) {
            relations.add(r);
        }
    }

    private List<Rule> everyShape() {
        int genre = 0;
        int capital = 1;
        int located = 2;
        return List.of(
                Rule.cyclic(capital, new int[] {located}, new boolean[] {false}).withCounts(10, 7),
                Rule.cyclic(capital, new int[] {located}, new boolean[] {true}).withCounts(10, 1),
                Rule.cyclic(genre, new int[] {located, capital}, new boolean[] {true, false}).withCounts(100, 40),
                Rule.cyclic(genre, new int[] {located, capital, genre}, new boolean[] {false, true, true})
                        .withCounts(1000, 1),
                Rule.acyclic(located, 2, true, new int[] {capital}, new boolean[] {false}, 1).withCounts(5, 5),
                Rule.acyclic(located, 2, false, new int[] {capital}, new boolean[] {true}, -1).withCounts(9, 3),
                Rule.acyclic(located, 0, true, new int[] {genre, located}, new boolean[] {false, true}, 3)
                        .withCounts(4, 2),
                Rule.acyclic(genre, 3, false, new int[] {genre, genre}, new boolean[] {true, false}, -1)
                        .withCounts(50, 2),
                Rule.zero(located, 2, true).withCounts(40, 12),
                Rule.zero(capital, 1, false).withCounts(6, 6),
                Rule.acyclic(located, Rule.SELF, true, new int[] {capital}, new boolean[] {false}, 1).withCounts(8, 4),
                Rule.acyclic(located, Rule.SELF, true, new int[] {genre, capital}, new boolean[] {true, false}, -1)
                        .withCounts(20, 2),
                Rule.zero(capital, Rule.SELF, true).withCounts(30, 3));
    }

    @Test
    void everyShape_survivesWriteAndRead_inOrder_withCounts() throws Exception {
        List<Rule> rules = everyShape();
        Path file = dir.resolve("rules.txt");
        RuleFormat.write(rules, 5, entities, relations, file);
        RuleFormat.ReadResult back = RuleFormat.read(file, entities, relations);
        assertEquals(0, back.unknownNames());
        assertEquals(0, back.unsupported());
        assertEquals(rules.size(), back.rules().size());
        for (int i = 0; i < rules.size(); i++) {
            Rule a = rules.get(i);
            Rule b = back.rules().get(i);
            assertEquals(a.key(), b.key(), "rule " + i);
            assertEquals(a.predicted(), b.predicted());
            assertEquals(a.correct(), b.correct());
            assertEquals(RuleFormat.text(a, entities, relations), RuleFormat.text(b, entities, relations));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("10\t7\t0.466667\tcapital_of(X,Y) <= located_in(X,Y)", lines.get(0));
        assertEquals("10\t1\t0.066667\tcapital_of(X,Y) <= located_in(Y,X)", lines.get(1));
        assertEquals("100\t40\t0.380952\t/film/film/genre(X,Y) <= located_in(A,X), capital_of(A,Y)", lines.get(2));
        assertEquals("5\t5\t0.500000\tlocated_in(X,france) <= capital_of(X,paris)", lines.get(4));
        assertEquals("9\t3\t0.214286\tlocated_in(france,Y) <= capital_of(A,Y)", lines.get(5));
        assertEquals("4\t2\t0.222222\tlocated_in(X,/m/0abc) <= /film/film/genre(X,A), located_in(ab,cd,A)", lines.get(6));
        assertEquals("40\t12\t0.266667\tlocated_in(X,france) <= ", lines.get(8));
        assertEquals("6\t6\t0.545455\tcapital_of(paris,Y) <= ", lines.get(9));
        assertEquals("8\t4\t0.307692\tlocated_in(X,me_myself_i) <= capital_of(X,paris)", lines.get(10),
                "a reflexive rule in a file: AnyBURL's constant for the head's own variable");
        assertEquals("20\t2\t0.080000\tlocated_in(X,me_myself_i) <= /film/film/genre(A,X), capital_of(A,B)", lines.get(11));
        assertEquals("30\t3\t0.085714\tcapital_of(X,me_myself_i) <= ", lines.get(12));
        assertEquals("located_in(X,X) <= capital_of(X,paris)", RuleFormat.text(rules.get(10), entities, relations),
                "and for people: r(X,X)");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "a rule file is an ordinary file, readable by other tools");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
        }
    }

    @Test
    void anyBurlLines_read_includingShapesWeSkip() throws Exception {
        Path file = dir.resolve("anyburl.txt");
        Files.writeString(file, String.join("\n",
                "349\t143\t0.40974212034383956\tcapital_of(X,Y) <= located_in(X,A), capital_of(A,Y)",
                "20\t4\t0.2\tlocated_in(X,france) <=",
                "12\t3\t0.25\tlocated_in(paris,Y) <= capital_of(Y,A), located_in(A,B), capital_of(B,C)",
                "30\t30\t1.0\tcapital_of(X,Y) <= unknown_relation(X,Y)",
                "8\t2\t0.25\tlocated_in(X,berlin) <= capital_of(X,A)",
                "") + "\n", StandardCharsets.UTF_8);
        RuleFormat.ReadResult r = RuleFormat.read(file, entities, relations);
        assertEquals(2, r.rules().size(), r.toString());
        assertEquals(349, r.rules().get(0).predicted());
        assertEquals(143, r.rules().get(0).correct());
        Rule zero = r.rules().get(1);
        assertEquals(Rule.Kind.ZERO, zero.kind(), "AnyBURL's zero rule: an empty body");
        assertEquals(0, zero.length());
        assertEquals(entities.id("france"), zero.headConstant());
        assertTrue(zero.constantIsTail());
        assertEquals(20, zero.predicted());
        assertEquals(4, zero.correct());
        assertEquals("located_in(X,france) <= ", RuleFormat.text(zero, entities, relations),
                "written back with AnyBURL's trailing space");
        assertEquals(1, r.unsupported(), "a head constant with three atoms");
        assertEquals(2, r.unknownNames(), "an unknown relation and an unknown entity");
    }

    @Test
    void reflexiveRules_readInEitherSpelling_andBodiesBackToTheHeadVariableAreSkipped() throws Exception {
        Path file = dir.resolve("reflexive.txt");
        Files.writeString(file, String.join("\n",
                "8\t4\t0.3\tlocated_in(X,me_myself_i) <= capital_of(X,A)",
                "8\t4\t0.3\tlocated_in(X,X) <= capital_of(X,A)",
                "9\t5\t0.3\tlocated_in(me_myself_i,Y) <= capital_of(Y,paris)",
                "30\t3\t0.1\tcapital_of(X,X) <=",
                "30\t3\t0.1\tcapital_of(X,me_myself_i) <=",
                "5\t1\t0.1\tlocated_in(X,me_myself_i) <= capital_of(X,me_myself_i)",
                "5\t1\t0.1\tlocated_in(X,X) <= capital_of(X,A), capital_of(A,X)",
                "") + "\n", StandardCharsets.UTF_8);
        RuleFormat.ReadResult r = RuleFormat.read(file, entities, relations);
        assertEquals(5, r.rules().size(), r.toString());
        assertTrue(r.rules().stream().allMatch(Rule::reflexive));
        assertEquals(r.rules().get(0).key(), r.rules().get(1).key(), "both spellings are one rule");
        assertEquals("located_in(X,X) <= capital_of(X,paris)", RuleFormat.text(r.rules().get(2), entities, relations));
        assertEquals(r.rules().get(3).key(), r.rules().get(4).key());
        assertEquals(Rule.Kind.ZERO, r.rules().get(3).kind());
        assertEquals(2, r.unsupported(), "bodies that come back to the head's variable");
    }

    @Test
    void malformedLines_nameFileLineAndField() throws Exception {
        assertBad("10\t7\tcapital_of(X,Y) <= located_in(X,Y)", "expected 4 tab-separated fields");
        assertBad("ten\t7\t0.5\tcapital_of(X,Y) <= located_in(X,Y)", "fields 1 and 2");
        assertBad("7\t10\t0.5\tcapital_of(X,Y) <= located_in(X,Y)", "correct (10) must be between 0");
        assertBad("10\t7\t0.5\tcapital_of(X,Y) located_in(X,Y)", "field 4 (rule)");
        assertBad("10\t7\t0.5\tcapital_of(X,Y) <= located_in(A,B)", "does not continue the path");
        assertBad("10\t7\t0.5\tcapital_of(X,Y) <= located_in(X,A)", "must end at Y");
        assertBad("10\t7\t0.5\tcapital_of(paris,france) <= located_in(paris,A)", "field 4 (rule)");
    }

    private void assertBad(String line, String what) throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
        InputException e = assertThrows(InputException.class, () -> RuleFormat.read(file, entities, relations));
        assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}
