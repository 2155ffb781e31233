package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * An import killed with SIGKILL part-way leaves, after the next open, none of it: the store holds exactly
 * what it held before. Uses a real child JVM running the strata command.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void importKilledMidWay_isRolledBackOnTheNextOpen() throws Exception {
        Path store = dir.resolve("store");
        Path umls = Data.umls();
        assertEquals(0, Cli.run("import", "--store", store.toString(), umls.resolve("train.txt").toString()).code());
        Path before = dir.resolve("before.tsv");
        assertEquals(0, Cli.run("export", "--store", store.toString(), "--out", before.toString()).code());
        List<DeltaRecord> historyBefore;
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            historyBefore = s.history();
        }

        Path fb = Data.shared("fb15k-237").resolve("train.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                "-cp", System.getProperty("java.class.path"),
                "org.strata.cli.Main", "import", "--store", store.toString(), "--progress", "plain",
                "--batch-size", "2000", "--writers", "1", fb.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        boolean midWay = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                // "import: 54,000/272,115 facts (20%, ...)": batches are committed, the import is not finished
                if (line.startsWith("import: ") && line.contains("%") && !line.contains("(100%")) {
                    midWay = true;
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        assertTrue(midWay, "never saw the import in progress: " + seen);
        assertNotEquals(0, child.exitValue(), "the child finished before it was killed: " + seen);

        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            assertEquals(1, s.recovery().rolledBack().size(), "the killed import's delta was rolled back");
            assertEquals(historyBefore, s.history());
            assertEquals(135, s.project(ProgressListener.NONE).entityCount(), "no entity of the killed import is left");
        }
        Path after = dir.resolve("after.tsv");
        assertEquals(0, Cli.run("export", "--store", store.toString(), "--out", after.toString()).code());
        assertEquals(Data.lines(before), Data.lines(after), "exactly the triples from before the killed import");
    }
}
