package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata bench feed} on UMLS, end to end: one batch, one cycle. The states of the true and false
 * proposals add up to the proposals sent; {@code --keep-store} leaves the store it ran on, holding the
 * training facts and every proposal the gate did not reject.
 */
class FeedBenchTest {

    private static final int UMLS_TRAIN = 5216;

    @TempDir
    Path dir;

    @Test
    void theTallyAddsUp_andAKeptStoreHoldsWhatWasAdmitted() throws Exception {
        Path json = dir.resolve("feed.json");
        Path work = Files.createDirectories(dir.resolve("work"));
        Cli.Run run = Cli.run("bench", "feed", "--data", Data.umls().toString(), "--rule-seconds", "1",
                "--combine-budget", "0", "--batches", "1", "--cycles", "1", "--calibration-facts", "300",
                "--max-cyclic", "2", "--progress", "none", "--work", work.toString(), "--keep-store", "--json",
                json.toString());
        assertEquals(0, run.code(), run.toString());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        long trueSent = report.get("trueProposals").asLong();
        long falseSent = report.get("falseProposals").asLong();
        assertEquals(661, trueSent, "UMLS's test facts: " + report);
        assertEquals(trueSent, falseSent, "as many negatives as test facts");
        JsonNode cycle = report.get("cycles").get(0);
        long notRejected = 0;
        for (String side : new String[] {"trueByState", "falseByState"}) {
            long sum = 0;
            for (var e : cycle.get(side).properties()) {
                sum += e.getValue().asLong();
                if (!e.getKey().equals("REJECTED")) {
                    notRejected += e.getValue().asLong();
                }
            }
            assertEquals(side.startsWith("true") ? trueSent : falseSent, sum, side + ": " + cycle);
        }
        Matcher kept = Pattern.compile("the store is kept at (\\S+)").matcher(run.out());
        assertTrue(kept.find(), run.out());
        Path store = Path.of(kept.group(1));
        assertTrue(store.startsWith(work) && Files.isDirectory(store), store.toString());
        Path all = dir.resolve("all.tsv");
        Cli.Run export = Cli.run("export", "--store", store.toString(), "--states", "all", "--out", all.toString(),
                "--progress", "none");
        assertEquals(0, export.code(), export.toString());
        long facts = Files.readAllLines(all).stream().filter(l -> !l.isBlank()).count();
        // the training facts, the proposals the gate let in (any state but REJECTED), and the cycle's own proposals
        assertTrue(facts >= UMLS_TRAIN + notRejected, facts + " facts in the kept store, " + notRejected
                + " proposals not rejected");
    }
}
