package org.strata.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.print.ResultPrinter;
import org.strata.cli.report.EvolveReportPage;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.rules.evolve.CycleReport;
import org.strata.rules.evolve.EvolveOptions;
import org.strata.rules.evolve.EvolveSettings;
import org.strata.rules.job.EvolveJob;

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
        List<Option<?>> all = new ArrayList<>(List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG,
                EvolveOptions.CYCLES, EvolveOptions.DRY_RUN, EvolveOptions.REPORT));
        all.addAll(EvolveOptions.settingsOptions());
        all.add(CliOptions.PROGRESS);
        return all;
    }

    @Override
    public int run(Invocation in) {
        EvolveSettings settings = EvolveOptions.settings(in);
        boolean dryRun = in.get(EvolveOptions.DRY_RUN);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try (GraphStore store = in.openStore()) {
            List<CycleReport> reports = new EvolveJob(store, settings, pool, in.progress(), in.commandLine())
                    .run(in.get(EvolveOptions.CYCLES), dryRun, r -> ResultPrinter.cycle(in, r));
            String dir = in.get(EvolveOptions.REPORT);
            if (dir != null) {
                EvolveReportPage.write(Path.of(dir), store.spec().toString(), reports);
                in.out().println("Report: " + Path.of(dir).resolve("report.html"));
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }
}
