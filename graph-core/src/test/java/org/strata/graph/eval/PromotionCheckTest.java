package org.strata.graph.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.io.InputException;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;

/** Promotions judged against a truth file: what each cycle promoted, how much of it is true, what is believed. */
class PromotionCheckTest {

    private static FactRecord fact(String h, String t, LifecycleState s) {
        return new FactRecord(h, "r", t, s, List.of("x:1"), 0, 0.5, null);
    }

    @Test
    void eachCycle_countsItsOwnPromotions_againstTheTruth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.tsv");
        Files.writeString(file, "a\tr\tb\na\tr\tc\na\tr\td\n");
        Set<String> truth = PromotionCheck.read(file);
        PromotionCheck check = new PromotionCheck(truth, List.of(fact("x", "y", LifecycleState.STABLE),
                fact("a", "b", LifecycleState.CANDIDATE), fact("a", "c", LifecycleState.CANDIDATE),
                fact("a", "z", LifecycleState.CANDIDATE)));
        PromotionCheck.Cycle first = check.after(List.of(fact("x", "y", LifecycleState.STABLE),
                fact("a", "b", LifecycleState.STABLE), fact("a", "c", LifecycleState.CANDIDATE),
                fact("a", "z", LifecycleState.STABLE)));
        assertEquals(new PromotionCheck.Cycle(1, 2, 1, 0.5, 2, 1, 0.5), first, "a-b true, a-z false; x-y was believed");
        PromotionCheck.Cycle second = check.after(List.of(fact("x", "y", LifecycleState.STABLE),
                fact("a", "b", LifecycleState.SOLIDIFIED), fact("a", "c", LifecycleState.STABLE),
                fact("a", "z", LifecycleState.STABLE)));
        assertEquals(new PromotionCheck.Cycle(2, 1, 1, 1.0, 2, 2, 1.0), second,
                "STABLE to SOLIDIFIED is no new promotion; a-d is not in the store");
        PromotionCheck.Cycle third = check.after(List.of(fact("a", "b", LifecycleState.SOLIDIFIED)));
        assertTrue(Double.isNaN(third.precision()) && third.promoted() == 0, third.toString());
    }

    /** What an evolve cycle hands over (states by fact key) checks the same as the store's facts. */
    @Test
    void statesByKey_checkTheSameAsTheFacts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.tsv");
        Files.writeString(file, "a\tr\tb\na\tr\tc\n");
        List<FactRecord> start = List.of(fact("a", "b", LifecycleState.CANDIDATE), fact("a", "c", LifecycleState.CANDIDATE),
                fact("a", "z", LifecycleState.CANDIDATE));
        List<FactRecord> end = List.of(fact("a", "b", LifecycleState.STABLE), fact("a", "c", LifecycleState.LEFTOVER),
                fact("a", "z", LifecycleState.STABLE));
        java.util.Map<String, LifecycleState> byKey = new java.util.HashMap<>();
        end.forEach(f -> byKey.put(FactRecord.key(f.head(), f.relation(), f.tail()), f.state()));
        PromotionCheck.Cycle fromFacts = new PromotionCheck(PromotionCheck.read(file), start).after(end);
        PromotionCheck.Cycle fromStates = new PromotionCheck(PromotionCheck.read(file), start).after(byKey);
        assertEquals(new PromotionCheck.Cycle(1, 2, 1, 0.5, 2, 1, 0.5), fromStates);
        assertEquals(fromFacts, fromStates);
    }

    @Test
    void aBadTruthFile_namesItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.tsv");
        Files.writeString(file, "a\tr\tb\na\tr\n");
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> PromotionCheck.read(file));
        assertTrue(e.getMessage().contains("truth.tsv") && e.getMessage().contains("2"), e.getMessage());
    }
}
