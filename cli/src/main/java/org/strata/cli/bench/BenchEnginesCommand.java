package org.strata.cli.bench;

import java.util.List;
import java.util.Locale;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.gpu.GpuOptions;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.Engines;
import org.strata.gpu.check.EngineComparison;
import org.strata.gpu.check.EngineComparison.Difference;
import org.strata.gpu.engine.cpu.CpuEngine;

/**
 * {@code strata bench engines}: runs every kernel and every model's loss and gradients on the chosen
 * engine and on the CPU engine, and prints how far apart they are; exits with 1 when any result is out
 * of tolerance. On a GPU machine this is the check that the CUDA engine computes what the CPU one does.
 */
final class BenchEnginesCommand implements Command {

    @Override
    public String name() {
        return "engines";
    }

    @Override
    public String summary() {
        return "Check an engine against the CPU engine: every kernel and every model's loss and gradients, on small "
                + "and on training-sized inputs";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GpuOptions.ENGINE, GraphOptions.SEED, GraphOptions.THREADS);
    }

    @Override
    public int run(Invocation in) {
        int threads = GraphOptions.threads(in);
        try (Engine candidate = Engines.open(in.get(GpuOptions.ENGINE), threads); CpuEngine reference = new CpuEngine(threads)) {
            in.out().println("Comparing " + candidate.description() + " with " + reference.description());
            List<Difference> diffs = new java.util.ArrayList<>();
            for (EngineComparison.Size size : EngineComparison.Size.values()) {
                diffs.addAll(EngineComparison.compare(reference, candidate, in.get(GraphOptions.SEED), size));
            }
            int bad = 0;
            for (Difference d : diffs) {
                in.out().println(String.format(Locale.ROOT, "  %-52s %10.2e  (tolerance %.0e, %,d values)%s", d.what(),
                        d.maxError(), d.tolerance(), d.elements(), d.agrees() ? "" : "  DISAGREES"));
                bad += d.agrees() ? 0 : 1;
            }
            in.out().println(bad == 0 ? "All " + diffs.size() + " results agree."
                    : bad + " of " + diffs.size() + " results disagree.");
            return bad == 0 ? 0 : 1;
        }
    }
}
