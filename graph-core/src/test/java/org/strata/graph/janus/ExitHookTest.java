package org.strata.graph.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.DeltaState;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * A store whose owner closes it at exit ({@link GraphStore#closeOnlyWhenAsked()}) lets the owner's shutdown
 * hook finish its writes: a child JVM gets SIGTERM, and its hook imports two facts one second later. With
 * JanusGraph's own exit hook left in place, the graph is closed under that hook and the facts are lost,
 * which is what the serve command's stop ran into.
 */
class ExitHookTest {

    @TempDir
    Path dir;

    @Test
    void ownerClosingAtExit_finishesItsWriteFirst() throws Exception {
        Path store = dir.resolve("store");
        assertEquals("child ready", runChild(store, true));
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            assertTrue(s.recovery().rolledBack().isEmpty(), "nothing to recover: " + s.recovery());
            List<DeltaRecord> atExit = s.history().stream().filter(d -> d.command().equals("import at exit")).toList();
            assertEquals(1, atExit.size(), s.history().toString());
            assertEquals(DeltaState.COMMITTED, atExit.getFirst().state());
            assertEquals(2, s.project(ProgressListener.NONE).factCount());
        }
    }

    @Test
    void janusGraphsExitHook_closesTheGraphUnderTheOwnersWrite() throws Exception {
        Path store = dir.resolve("store");
        assertEquals("child ready", runChild(store, false));
        try (GraphStore s = Stores.open(StoreSpec.embedded(store))) {
            assertTrue(s.history().stream().noneMatch(d -> d.command().equals("import at exit")
                    && d.state() == DeltaState.COMMITTED), s.history().toString());
            assertEquals(0, s.project(ProgressListener.NONE).factCount());
        }
    }

    /** Starts {@link Child}, waits until its store is open, sends SIGTERM and waits for it to end. */
    private String runChild(Path store, boolean ownerCloses) throws Exception {
        Path facts = dir.resolve("facts.tsv");
        Files.writeString(facts, "a\tlikes\tb\nb\tlikes\tc\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), store.toString(), facts.toString(), Boolean.toString(ownerCloses)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        String first = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                if (line.equals("child ready") && first == null) {
                    first = line;
                    child.toHandle().destroy(); // SIGTERM (the hooks run); Process.destroy would close our pipe
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end: " + seen);
        return first == null ? String.join("\n", seen) : first;
    }

    /** The child JVM: opens the store, installs a hook that imports at exit, and waits to be stopped. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            Path facts = Path.of(args[1]);
            GraphStore store = Stores.open(StoreSpec.embedded(Path.of(args[0])));
            if (Boolean.parseBoolean(args[2])) {
                store.closeOnlyWhenAsked();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(1000); // as a running job would still be at work
                    store.importFacts(ImportRequest.of(List.of(facts), TripleFormat.TSV, null, "import at exit"),
                            ProgressListener.NONE);
                } catch (Exception e) {
                    System.out.println("import at exit failed: " + e);
                } finally {
                    try {
                        store.close();
                    } catch (RuntimeException e) {
                        System.out.println("close failed: " + e);
                    }
                }
            }));
            System.out.println("child ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
