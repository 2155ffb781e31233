package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata bench import --repeat}: every round imports the whole file into a store of its own, and none is left. */
class ImportBenchTest {

    @TempDir
    Path dir;

    @Test
    void rounds_eachImportTheWholeFile_andLeaveNoStoreBehind() throws Exception {
        Path data = Data.shared("nations");
        List<String> lines = Files.readAllLines(data.resolve("train.txt"));
        Set<String> entities = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            entities.add(f[0]);
            entities.add(f[2]);
        }
        Path work = dir.resolve("work");
        Path json = dir.resolve("import.json");
        Cli.Run run = Cli.run("bench", "import", "--data", data.toString(), "--repeat", "3", "--queries", "10",
                "--work", work.toString(), "--json", json.toString(), "--progress", "none");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("Import, round 1/3: ") && run.out().contains("Import, round 3/3: "), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode rounds = report.get("importRounds");
        assertEquals(3, rounds.size(), report.toString());
        for (JsonNode round : rounds) {
            // each round starts from an empty store: every line is a new fact, every entity new
            assertEquals(lines.size(), round.get("facts").asInt(), round.toString());
            assertEquals(entities.size(), round.get("entities").asInt(), round.toString());
        }
        assertEquals(rounds.get(2).get("factsPerSecond").asDouble(), report.get("factsPerSecond").asDouble(),
                "the headline figure is the last round's");
        assertTrue(report.get("gremlinLatency").has("2-hop count (warm)"), report.toString());
        try (var left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the rounds' stores and the measured one are deleted");
        }
    }

    /** Rounds on Cassandra + Solr would share one Solr collection: refused before any node starts. */
    @Test
    void repeatWithSolr_isRefusedBeforeAnythingStarts() {
        Path work = dir.resolve("work");
        Cli.Run run = Cli.run("bench", "import", "--data", Data.shared("nations").toString(), "--backend",
                "cassandra-solr", "--repeat", "2", "--work", work.toString(), "--progress", "none");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--repeat with --backend cassandra-solr"), run.err());
        assertTrue(!Files.exists(work), "no node was started, nothing written under --work");
    }
}
