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
import org.strata.graph.eval.PromotionCheck;
import org.strata.graph.store.GraphStore;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.eval.EmbeddingOpinion;
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
                EvolveOptions.CYCLES, EvolveOptions.DRY_RUN, EvolveOptions.REPORT, EvolveOptions.TRUTH,
                GpuOptions.MODEL_FILE));
        all.addAll(EvolveOptions.settingsOptions());
        all.add(CliOptions.PROGRESS);
        return all;
    }

    @Override
    public int run(Invocation in) {
        EvolveSettings settings = EvolveOptions.settings(in);
        if (in.get(GpuOptions.MODEL_FILE) != null && settings.judge().labelledTrue() == null) {
            throw new IllegalArgumentException("--model needs --calibrate-true and --calibrate-false: the model was "
                    + "trained on the believed facts, so only labelled triples can calibrate its opinion");
        }
        boolean dryRun = in.get(EvolveOptions.DRY_RUN);
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        String truthFile = in.get(EvolveOptions.TRUTH);
        java.util.Set<String> truth = truthFile == null ? null : PromotionCheck.read(Path.of(truthFile));
        try (GraphStore store = in.openStore()) {
            PromotionCheck check = truth == null ? null : new PromotionCheck(truth, store.facts(in.progress()));
            List<PromotionCheck.Cycle> checked = new ArrayList<>();
            EmbeddingOpinion opinion = EmbeddingOpinion.read(in.get(GpuOptions.MODEL_FILE));
            List<CycleReport> reports = new EvolveJob(store, settings, pool, in.progress(), in.commandLine(),
                    opinion == null ? null : opinion.scorers())
                    .run(in.get(EvolveOptions.CYCLES), dryRun, (r, states) -> {
                        ResultPrinter.cycle(in, r);
                        if (check != null && !dryRun) {
                            PromotionCheck.Cycle c = check.after(states).numbered(r.cycle());
                            checked.add(c);
                            ResultPrinter.truth(in, c);
                        }
                    });
            String dir = in.get(EvolveOptions.REPORT);
            if (dir != null) {
                EvolveReportPage.write(Path.of(dir), store.spec().toString(), reports, checked);
                in.out().println("Report: " + Path.of(dir).resolve("report.html"));
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }
}
