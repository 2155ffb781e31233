package org.strata.cli.print;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.graph.projection.Dataset;
import org.strata.gpu.train.EpochReport;
import org.strata.gpu.train.TrainParameters;
import org.strata.gpu.train.TrainResult;

/** Prints an embedding training run: its heading, a line per epoch, its summary; and its JSON report. */
public final class TrainingPrinter {

    private TrainingPrinter() {
    }

    /** What is trained on what, with which engine. */
    public static void heading(Invocation in, TrainParameters p, Dataset data, String engine) {
        in.out().println("Training " + p.model().name().toLowerCase(Locale.ROOT) + " (dim " + p.dim() + ") on "
                + data.name() + ": " + Format.count(data.train().size()) + " facts, "
                + Format.count(data.entities().size()) + " entities, " + Format.count(data.relations().size())
                + " relations; " + engine);
        in.out().flush();
    }

    /** One epoch: loss, validation MRR when measured (* marks the best so far), time, speed. */
    public static void epoch(Invocation in, EpochReport e, TrainParameters p) {
        in.out().printf("  epoch %3d/%d  loss %.4f  %s  %6.1f s  %s facts/s%n", e.epoch(), p.epochs(), e.loss(),
                Double.isNaN(e.validMrr()) ? "                  " : String.format(Locale.ROOT,
                        "valid MRR %.4f%s", e.validMrr(), e.best() ? " *" : "  "),
                e.seconds(), Format.count(Math.round(e.triplesPerSecond())));
        in.out().flush();
    }

    /** How the run ended, the epoch kept and the memory it used. */
    public static void summary(Invocation in, TrainResult r, double limitSeconds) {
        EpochReport kept = r.epochs().stream().filter(EpochReport::best).reduce((a, b) -> b)
                .orElse(r.epochs().isEmpty() ? null : r.epochs().get(r.epochs().size() - 1));
        in.out().println("  " + r.epochs().size() + (r.epochs().size() == 1 ? " epoch" : " epochs")
                + (r.stoppedEarly() ? " (stopped early)" : "")
                + (r.stoppedByRequest() ? " (stopped at the time limit, " + Format.decimal(limitSeconds, 0) + " s)" : "")
                + "; kept epoch " + (kept == null ? "0 (the initial parameters)" : kept.epoch())
                + (kept != null && !Double.isNaN(kept.validMrr()) ? ", validation MRR " + Format.decimal(kept.validMrr(), 4)
                : ""));
        in.out().println("  activation memory " + Format.bytes(r.activationBytes()) + " a batch (kept by the forward pass"
                + " for the backward pass); engine peak " + Format.bytes(r.peakEngineBytes()) + "; parameters "
                + Format.bytes(r.model().parameterBytes()));
    }

    /** The run as JSON: settings, epochs and memory. */
    public static Map<String, Object> report(TrainResult r, Dataset data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", data.name());
        m.put("model", r.model().kind().name().toLowerCase(Locale.ROOT));
        m.put("dim", r.model().dim());
        m.put("info", r.model().info());
        m.put("epochs", r.epochs());
        m.put("stoppedEarly", r.stoppedEarly());
        m.put("stoppedAtTimeLimit", r.stoppedByRequest());
        m.put("activationBytes", r.activationBytes());
        m.put("peakEngineBytes", r.peakEngineBytes());
        m.put("parameterBytes", r.model().parameterBytes());
        return m;
    }
}
