package org.strata.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.CliOptions;
import org.strata.cli.Command;
import org.strata.cli.Format;
import org.strata.cli.Invocation;
import org.strata.cli.JsonOutput;
import org.strata.cli.report.EvolveReportPage;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.io.AtomicFile;
import org.strata.graph.store.GraphStore;
import org.strata.rules.evolve.CycleReport;
import org.strata.rules.evolve.EvolutionCycle;
import org.strata.rules.evolve.EvolveOptions;
import org.strata.rules.evolve.EvolveSettings;

/**
 * {@code strata evolve}: runs structure-evolution cycles on a store (partition, refresh rules,
 * consolidate, admit proposals), each step one delta that {@code strata undo} reverts, and writes a
 * report.
 */
public final class EvolveCommand implements Command {

    @Override
    public String name() {
        return "evolve";
    }

    @Override
    public String summary() {
        return "Run structure-evolution cycles: partition, refresh rules, consolidate, admit proposals (each step "
                + "one undoable delta)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, EvolveOptions.CYCLES, EvolveOptions.DRY_RUN,
                EvolveOptions.REPORT, EvolveOptions.RESOLUTION, EvolveOptions.LEVEL_FACTOR, EvolveOptions.MAX_LEVELS,
                EvolveOptions.RULE_SECONDS, EvolveOptions.RULES_KEPT, EvolveOptions.PROPOSAL_QUERIES,
                EvolveOptions.ADMIT_SCORE, EvolveOptions.TO_STABLE, EvolveOptions.TO_SOLIDIFIED,
                EvolveOptions.SOURCES_TO_STABLE, EvolveOptions.FUNCTIONAL_MIN_HEADS, EvolveOptions.TYPING_OVERLAP,
                EvolveOptions.SHORTCUT_MIN_USES, EvolveOptions.SHORTCUTS_PER_RULE, EvolveOptions.COMBINE_BUDGET, GraphOptions.SEED, GraphOptions.THREADS, CliOptions.PROGRESS);
    }

    static EvolveSettings settings(Invocation in, int threads) {
        return new EvolveSettings(in.get(EvolveOptions.RESOLUTION), in.get(EvolveOptions.LEVEL_FACTOR),
                in.get(EvolveOptions.MAX_LEVELS), in.get(EvolveOptions.RULE_SECONDS), in.get(EvolveOptions.RULES_KEPT),
                in.get(EvolveOptions.PROPOSAL_QUERIES), in.get(EvolveOptions.ADMIT_SCORE), in.get(EvolveOptions.TO_STABLE),
                in.get(EvolveOptions.TO_SOLIDIFIED), in.get(EvolveOptions.SOURCES_TO_STABLE),
                in.get(EvolveOptions.FUNCTIONAL_MIN_HEADS), in.get(EvolveOptions.TYPING_OVERLAP),
                in.get(EvolveOptions.SHORTCUT_MIN_USES), in.get(EvolveOptions.SHORTCUTS_PER_RULE),
                in.get(EvolveOptions.COMBINE_BUDGET), threads,
                in.get(GraphOptions.SEED));
    }

    @Override
    public int run(Invocation in) {
        int threads = RulesLearnCommand.threads(in.get(GraphOptions.THREADS));
        boolean dryRun = in.get(EvolveOptions.DRY_RUN);
        int cycles = dryRun ? 1 : in.get(EvolveOptions.CYCLES);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (GraphStore store = in.openStore()) {
            List<CycleReport> reports = run(store, settings(in, threads), cycles, dryRun, pool, in);
            String dir = in.get(EvolveOptions.REPORT);
            if (dir != null) {
                writeReport(Path.of(dir), store.spec().toString(), reports);
                in.out().println("Report: " + Path.of(dir).resolve("report.html"));
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    /** Runs the cycles and prints a summary of each; used by quickstart too. */
    public static List<CycleReport> run(GraphStore store, EvolveSettings settings, int cycles, boolean dryRun,
                                        ExecutorService pool, Invocation in) {
        List<CycleReport> reports = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            CycleReport r = new EvolutionCycle(store, settings, pool, in.progress(), in.commandLine()).run(dryRun);
            reports.add(r);
            print(in, r);
        }
        return reports;
    }

    static void print(Invocation in, CycleReport r) {
        in.out().println((r.dryRun() ? "Dry run of cycle " : "Cycle ") + r.cycle() + (r.dryRun()
                ? " (nothing written)" : ""));
        for (Map.Entry<String, Map<String, Long>> step : r.counts().entrySet()) {
            StringBuilder changes = new StringBuilder();
            step.getValue().forEach((k, v) -> {
                if (v > 0) {
                    changes.append(changes.isEmpty() ? "" : ", ").append(Format.count(v)).append(' ').append(k);
                }
            });
            String delta = r.deltas().get(step.getKey());
            in.out().printf("  %-12s %-8s %6.1f s  %s%n", step.getKey(), delta == null ? (r.dryRun() ? "(dry)" : "-")
                    : delta, r.seconds().getOrDefault(step.getKey(), 0.0), changes.isEmpty() ? "no change" : changes);
        }
        List<String> levels = new ArrayList<>();
        for (int l = 0; l < r.communitySizes().size(); l++) {
            levels.add("level " + l + ": " + r.communitySizes().get(l).size());
        }
        in.out().println("  communities  " + String.join(", ", levels));
        in.out().println("  gate         " + r.gate());
        in.out().println("  states       " + r.states());
        Map<String, String> stab = new LinkedHashMap<>();
        r.stability().forEach((k, v) -> stab.put(k, Format.decimal(v, 3)));
        in.out().println("  stability    " + stab);
    }

    /** Writes report.json and report.html into {@code dir}, each atomically. */
    public static void writeReport(Path dir, String store, List<CycleReport> reports) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report directory " + dir, e);
        }
        List<Map<String, Object>> json = new ArrayList<>();
        reports.forEach(r -> json.add(r.asMap()));
        JsonOutput.write(dir.resolve("report.json"), Map.of("store", store, "cycles", json));
        AtomicFile.write(dir.resolve("report.html"), EvolveReportPage.html(store, reports).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
