package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.cli.shell.Command;
import org.strata.cli.Main;

/** The strata command as a user runs it: real files, a real embedded store, exit codes and messages. */
class CliEndToEndTest {

    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("store").toString();
    }

    @Test
    void help_listsEveryCommand_andEveryCommandHasHelp() {
        Cli.Run root = Cli.run("--help");
        assertEquals(0, root.code(), root.toString());
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (Command c : Main.commands()) {
                assertTrue(root.out().contains("  " + c.name() + " "), c.name() + " missing from\n" + root.out());
                Cli.Run help = Cli.run(c.name(), "--help");
                assertEquals(0, help.code(), help.toString());
                assertTrue(help.out().startsWith("Usage: strata " + c.name()), help.out());
                for (var o : c.options()) {
                    assertTrue(help.out().contains(o.flag()), o.flag() + " missing from the help of " + c.name());
                }
            }
            // help text is not a format string: "95 %" in a description is shown as written, without a warning
            Cli.Run evolve = Cli.run("evolve", "--help");
            assertTrue(evolve.out().replaceAll("\\s+", " ").contains("95 % lower bound"), evolve.out());
        } finally {
            System.setErr(realErr);
        }
        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8), "picocli warned while printing help");
    }

    @Test
    void importExportHistoryUndo_roundTrip() throws Exception {
        Path umls = Data.umls();
        Path train = umls.resolve("train.txt");
        Path valid = umls.resolve("valid.txt");
        Cli.Run first = Cli.run("import", "--store", store(), "--names", umls.resolve("entity_names.tsv").toString(),
                train.toString());
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("5,216 added"), first.out());
        Cli.Run second = Cli.run("import", "--store", store(), train.toString(), valid.toString());
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("as delta d2"), second.out());

        Path out = dir.resolve("out.tsv");
        Cli.Run export = Cli.run("export", "--store", store(), "--out", out.toString());
        assertEquals(0, export.code(), export.toString());
        assertEquals(Data.lines(train, valid), Data.lines(out));

        Cli.Run history = Cli.run("history", "--store", store());
        assertEquals(0, history.code(), history.toString());
        assertTrue(history.out().contains("d1     committed import"), history.out());
        assertTrue(history.out().contains("strata import --store " + store() + " --names"), history.out());

        Cli.Run undo = Cli.run("undo", "--store", store(), "d2");
        assertEquals(0, undo.code(), undo.toString());
        Cli.Run again = Cli.run("export", "--store", store(), "--out", out.toString());
        assertEquals(0, again.code(), again.toString());
        assertEquals(Data.lines(train), Data.lines(out), "undo d2 leaves exactly what d1 imported");

        Cli.Run stats = Cli.run("stats", "--store", store(), "--top", "3");
        assertEquals(0, stats.code(), stats.toString());
        assertTrue(stats.out().contains("facts      5,216"), stats.out());
        assertTrue(stats.out().contains("entities   135"), stats.out());
    }

    @Test
    void badInput_exitsWith2_namesFileAndLine_andLeavesTheStoreAsItWas() throws Exception {
        Path train = Data.umls().resolve("train.txt");
        assertEquals(0, Cli.run("import", "--store", store(), train.toString()).code());
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"head\":\"a\",\"relation\":\"r\",\"tail\":\"b\"}\n{\"head\":\"a\",\"relation\":\"r\"}\n");
        Cli.Run r = Cli.run("import", "--store", store(), "--format", "jsonl", bad.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("error: " + bad + ":2: field \"tail\" is missing\n", r.err());
        Path out = dir.resolve("out.tsv");
        assertEquals(0, Cli.run("export", "--store", store(), "--out", out.toString()).code());
        assertEquals(Data.lines(train), Data.lines(out));
        assertTrue(Cli.run("history", "--store", store()).out().contains("d1 "), "history unchanged");
        assertTrue(!Cli.run("history", "--store", store()).out().contains("d2 "), "no delta for the failed import");
    }

    @Test
    void usageErrors_exitWith2_withAMessage() {
        Cli.Run port = Cli.run("serve", "--port", "70000");
        assertEquals(2, port.code());
        assertEquals("error: --port must be between 1 and 65535, got 70000\n", port.err());
        Cli.Run format = Cli.run("import", "--format", "csv", "x.csv");
        assertEquals(2, format.code());
        assertEquals("error: --format: expected one of tsv, jsonl, graphdoc, got 'csv'\n", format.err());
        Cli.Run unknown = Cli.run("import", "--stor", "x", "y");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown option: '--stor'"), unknown.err());
        Cli.Run missing = Cli.run("eval");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: strata eval needs --data DIR"), missing.err());
        Cli.Run noFiles = Cli.run("import");
        assertEquals(2, noFiles.code());
        Cli.Run notAStore = Cli.run("stats", "--store", Data.umls().toString());
        assertEquals(2, notAStore.code(), notAStore.toString());
        assertTrue(notAStore.err().contains("holds no Strata store"), notAStore.err());
    }

    @Test
    void eval_frequencyBaseline_writesTheJsonTheIssueNames() throws Exception {
        Path json = dir.resolve("eval.json");
        Cli.Run r = Cli.run("eval", "--data", Data.umls().toString(), "--scorer", "frequency", "--json", json.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        for (String key : Set.of("dataset", "scorer", "queries", "mrr", "hits1", "hits3", "hits10", "seconds")) {
            assertTrue(n.has(key), key + " missing in " + n);
        }
        assertEquals("umls", n.get("dataset").asText());
        assertEquals("frequency", n.get("scorer").asText());
        assertEquals(2 * 661, n.get("queries").asInt());
        double mrr = n.get("mrr").asDouble();
        // the same evaluation through the library (checked against a naive ranking in graph-core's tests)
        org.strata.graph.projection.Dataset umls = org.strata.graph.projection.Dataset.load(Data.umls());
        org.strata.graph.eval.EvaluationResult direct = org.strata.graph.eval.EvaluationJob.run(umls,
                new org.strata.graph.eval.FrequencyScorer(umls.trainProjection()), "test", 1,
                org.strata.graph.progress.ProgressListener.NONE);
        assertEquals(direct.mrr(), mrr, 1e-12, "the CLI reports the evaluation of the test split");
        assertEquals(direct.hits10(), n.get("hits10").asDouble(), 1e-12);
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.4f", mrr)), r.out());
    }

    @Test
    void quickstart_importsUmls_isIdempotent_andShowsBaselineAndExplainedRules() throws Exception {
        Cli.Run r = Cli.run("quickstart", "--store", store());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("6,529 added"), r.out());
        assertTrue(r.out().contains("entities   135"), r.out());
        assertTrue(r.out().contains("[entity, organism, physical object]"), r.out());
        assertTrue(r.out().contains("Evaluation of frequency on umls"), r.out());
        assertTrue(r.out().contains("./strata serve --store " + store()), r.out());
        assertTrue(r.out().contains("Evaluation of rules on umls"), r.out());
        assertTrue(r.out().contains("6. Three test queries, answered by the rules and explained"), r.out());
        assertEquals(3, r.out().split("\n      because ", -1).length - 1, "three explained answers:\n" + r.out());
        Path rules = dir.resolve("umls-rules.txt");
        byte[] learned = Files.readAllBytes(rules);
        Cli.Run again = Cli.run("quickstart", "--store", store());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("Nothing to import: 6,529 lines from 3 files") && again.out().contains("6,529 unchanged"),
                again.out());
        assertArrayEquals(learned, Files.readAllBytes(rules), "the quickstart learns the same rules every time");
    }
}
