package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * A non-Java client attacks {@code strata serve --writes} in its own process, whose environment holds a
 * secret (as it would hold the LLM API key): the official JavaScript driver tries to leak the secret,
 * switch off the timeout, connect as a page from another origin, and write governance. The effects are
 * judged here: the secret appears nowhere in what the client received, every request ended within the
 * server's limit, the store holds exactly what it held plus the one legitimate write, which is a delta
 * that undo reverts to the exact prior store.
 */
class GremlinAttacksTest {

    @TempDir
    Path dir;

    @Test
    void javascriptClient_againstAServerWithASecret_leaksNothing_andChangesOnlyWhatGovernanceAllows() throws Exception {
        Path store = dir.resolve("store");
        assertEquals(0, Cli.run("import", "--store", store.toString(), Data.umls().resolve("train.txt").toString()).code());
        StoreDump before = dump(store);
        String secret = "sk-test-" + UUID.randomUUID();
        int port = ServeCommandTest.freePort();
        Process serve = ServeCommandTest.startServe(store, port, Map.of("STRATA_TEST_SECRET", secret),
                "--writes", "--timeout", "3");
        List<String> log;
        String output;
        try {
            log = ServeCommandTest.awaitServing(serve);
            output = JavascriptClient.run("attacks.js", "ws://127.0.0.1:" + port + "/gremlin");
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        }
        assertFalse(output.contains(secret), "the secret reached the client: " + output);
        assertFalse(String.join("\n", log).contains(secret), "the secret reached the log");
        JsonNode r = new ObjectMapper().readTree(output);
        for (JsonNode leak : r.get("leaks")) {
            assertTrue(leak.get("result").asText().startsWith("refused: "), leak.toString());
        }
        for (JsonNode t : r.get("timeouts")) {
            assertTrue(t.get("result").asText().startsWith("refused: "), t.toString());
            assertTrue(t.get("ms").asLong() < 15_000, "ran past the server's 3 s: " + t);
        }
        assertTrue(r.get("crossOrigin").get("result").asText().startsWith("refused: "), r.get("crossOrigin").toString());
        for (JsonNode w : r.get("governance")) {
            assertTrue(w.get("result").asText().startsWith("refused: ") && w.get("result").asText().contains("governance"),
                    w.toString());
        }
        assertTrue(r.get("legitWrite").get("result").asText().startsWith("accepted"), r.get("legitWrite").toString());
        assertEquals(136, r.get("entitiesAfter").asInt(), "the page from another origin dropped entities");

        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            List<DeltaRecord> gremlin = s.history().stream().filter(d -> d.kind() == org.strata.graph.store.DeltaKind.GREMLIN).toList();
            assertEquals(1, gremlin.size(), "only the legitimate write is a delta: " + s.history());
            assertEquals(1L, gremlin.get(0).counts().get("entitiesAdded"));
            s.undo(gremlin.get(0).id(), "undo", ProgressListener.NONE);
            assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(s)), "undo restores the exact prior store");
        }
    }

    private static StoreDump dump(Path store) {
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            return StoreDump.of(s);
        }
    }
}
