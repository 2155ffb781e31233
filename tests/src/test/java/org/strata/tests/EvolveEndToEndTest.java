package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * {@code strata evolve} as a user runs it on an embedded store: a dry run changes nothing, two cycles
 * write their deltas and a report, the summary shows a level, and undoing every evolve delta newest
 * first restores the store.
 */
class EvolveEndToEndTest {

    @TempDir
    Path dir;

    private static StoreDump dump(Path store) {
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            return StoreDump.of(s);
        }
    }

    @Test
    void dryRun_twoCycles_report_andUndo() throws Exception {
        Path store = dir.resolve("store");
        String st = store.toString();
        assertEquals(0, Cli.run("import", "--store", st, Data.umls().resolve("train.txt").toString()).code());
        StoreDump imported = dump(store);

        Cli.Run dry = Cli.run("evolve", "--store", st, "--dry-run", "--rule-seconds", "1", "--combine-budget", "3");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().startsWith("Dry run of cycle 1 (nothing written)"), dry.out());
        assertEquals(imported, dump(store), "a dry run writes nothing");

        Cli.Run unlabelled = Cli.run("evolve", "--store", st, "--model", dir.resolve("any.bin").toString());
        assertEquals(2, unlabelled.code(), unlabelled.toString());
        assertTrue(unlabelled.err().contains("--model needs --calibrate-true and --calibrate-false"), unlabelled.err());
        Cli.Run half = Cli.run("evolve", "--store", st, "--calibrate-true", "t.tsv");
        assertEquals(2, half.code(), half.toString());
        assertTrue(half.err().contains("got only the true: t.tsv"), half.err());
        assertEquals(imported, dump(store), "a refused evolve writes nothing");

        Path report = dir.resolve("report");
        Path truth = dir.resolve("truth.tsv");
        Files.writeString(truth, Files.readString(Data.umls().resolve("valid.txt"))
                + Files.readString(Data.umls().resolve("test.txt")));
        Cli.Run evolve = Cli.run("evolve", "--store", st, "--cycles", "2", "--rule-seconds", "1", "--combine-budget", "3", "--report",
                report.toString(), "--truth", truth.toString());
        assertEquals(0, evolve.code(), evolve.toString());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("Gate decisions per cycle") && !html.contains("<script"), html);
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(2, json.get("cycles").size());
        // the truth file: each cycle's promotions judged against it, printed, in the JSON and plotted
        assertTrue(html.contains("Promotions against the truth file"), "the truth plot is missing");
        assertEquals(2, json.get("truth").size(), json.toString());
        assertEquals(2, evolve.out().lines().filter(l -> l.startsWith("  truth        promoted ")).count(), evolve.out());
        JsonNode firstTruth = json.get("truth").get(0);
        assertTrue(firstTruth.get("trueInStore").asLong() > 0, "the rules' proposals include facts of valid and test: "
                + firstTruth);
        for (JsonNode t : json.get("truth")) {
            assertTrue(t.get("promotedTrue").asLong() <= t.get("promoted").asLong()
                    && t.get("trueBelieved").asLong() <= t.get("trueInStore").asLong(), t.toString());
        }
        JsonNode second = json.get("cycles").get(1);
        // export writes the believed facts by default, any states on request, and says which
        JsonNode facts = second.get("states").get("facts");
        long believed = facts.path("STABLE").asLong() + facts.path("SOLIDIFIED").asLong();
        Path exported = dir.resolve("believed.tsv");
        Cli.Run export = Cli.run("export", "--store", st, "--out", exported.toString());
        assertEquals(0, export.code(), export.toString());
        assertEquals(believed, Files.readAllLines(exported).size());
        assertTrue(export.out().contains("(believed: STABLE, SOLIDIFIED)"), export.out());
        Path leftover = dir.resolve("unbelieved.tsv");
        Cli.Run some = Cli.run("export", "--store", st, "--out", leftover.toString(), "--states", "candidate,LEFTOVER");
        assertEquals(0, some.code(), some.toString());
        assertEquals(facts.path("CANDIDATE").asLong() + facts.path("LEFTOVER").asLong(),
                Files.readAllLines(leftover).size());
        assertTrue(some.out().contains("(CANDIDATE, LEFTOVER)"), some.out());
        Cli.Run wrong = Cli.run("export", "--store", st, "--out", leftover.toString(), "--states", "STABEL");
        assertEquals(2, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("'STABEL' is no lifecycle state"), wrong.err());
        assertEquals(1.0, second.get("stability").get("ariLevel0").asDouble(), 1e-12, "unchanged graph, same seed");
        assertEquals(1.0, second.get("stability").get("idsKeptLevel0").asDouble(), 1e-12);

        Cli.Run summary = Cli.run("summary", "--store", st, "--level", "1", "--top", "3");
        assertEquals(0, summary.code(), summary.toString());
        assertTrue(summary.out().startsWith("Level 1 of ") && summary.out().contains("Most frequent relations"),
                summary.out());
        Cli.Run tooHigh = Cli.run("summary", "--store", st, "--level", "99");
        assertEquals(2, tooHigh.code(), tooHigh.toString());
        assertTrue(tooHigh.err().contains("--level 99: the hierarchy of"), tooHigh.err());

        // a later run checks its promotions under the store's own cycle number, as its report's cycles are
        Path later = dir.resolve("later");
        Cli.Run third = Cli.run("evolve", "--store", st, "--rule-seconds", "1", "--combine-budget", "0", "--report",
                later.toString(), "--truth", truth.toString());
        assertEquals(0, third.code(), third.toString());
        assertTrue(third.out().startsWith("Cycle 3"), third.out());
        JsonNode laterJson = new ObjectMapper().readTree(later.resolve("report.json").toFile());
        assertEquals(3, laterJson.get("truth").get(0).get("cycle").asInt(), laterJson.get("truth").toString());

        // every evolve delta, newest first
        List<String> deltas = new ArrayList<>();
        Matcher m = Pattern.compile("^  \\w+\\s+(d\\d+)\\s", Pattern.MULTILINE).matcher(evolve.out() + third.out());
        while (m.find()) {
            deltas.add(m.group(1));
        }
        assertTrue(deltas.size() >= 9, "three cycles write at least nine deltas: " + evolve.out() + third.out());
        for (int i = deltas.size() - 1; i >= 0; i--) {
            Cli.Run undo = Cli.run("undo", "--store", st, deltas.get(i));
            assertEquals(0, undo.code(), undo.toString());
        }
        assertEquals(imported, dump(store), "undoing every evolve delta restores the imported store exactly");
    }
}
