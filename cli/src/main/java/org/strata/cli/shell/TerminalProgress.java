package org.strata.cli.shell;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.strata.graph.progress.ProgressListener;

/**
 * Shows library progress: a bar with the rate (facts/s, queries/s) on a terminal, plain lines every
 * tenth of the way on request, or nothing. Thread-safe.
 */
abstract class TerminalProgress implements ProgressListener {

    static ProgressListener create(CliOptions.Progress mode, PrintStream err) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return switch (mode) {
            case NONE -> ProgressListener.NONE;
            case PLAIN -> new Plain(err);
            case BAR -> new Bar(err);
            case AUTO -> terminal ? new Bar(err) : ProgressListener.NONE;
        };
    }

    /** A progress bar. */
    private static final class Bar extends TerminalProgress {
        private final PrintStream err;
        private volatile ProgressBar bar;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void begin(String task, long total, String unit) {
            end();
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1).showSpeed()
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).build();
        }

        @Override
        public void advance(long amount) {
            ProgressBar b = bar;
            if (b != null) {
                b.stepBy(amount);
            }
        }

        @Override
        public synchronized void end() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** One line at the start, each tenth of the way, and the end, for logs. */
    private static final class Plain extends TerminalProgress {
        private final PrintStream err;
        private final AtomicLong done = new AtomicLong();
        private volatile String task;
        private volatile String unit;
        private volatile long total;
        private volatile long start;
        private volatile int reportedTenths;

        Plain(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void begin(String task, long total, String unit) {
            this.task = task;
            this.total = total;
            this.unit = unit;
            this.start = System.nanoTime();
            this.reportedTenths = 0;
            done.set(0);
            err.println(task + ": started" + (total >= 0 ? ", " + Format.count(total) + " " + unit : ""));
        }

        @Override
        public void advance(long amount) {
            long now = done.addAndGet(amount);
            if (total > 0) {
                int tenths = (int) Math.min(10, now * 10 / total);
                if (tenths > reportedTenths) {
                    synchronized (this) {
                        if (tenths > reportedTenths) {
                            reportedTenths = tenths;
                            err.println(task + ": " + Format.count(now) + "/" + Format.count(total) + " " + unit
                                    + " (" + tenths * 10 + "%, " + rate(now) + ")");
                        }
                    }
                }
            }
        }

        private String rate(long n) {
            double s = (System.nanoTime() - start) / 1e9;
            return Format.count(Math.round(n / Math.max(s, 1e-9))) + " " + unit + "/s";
        }

        @Override
        public synchronized void end() {
            if (task != null) {
                long n = done.get();
                // a task that ends short of its known total was cut off (an error follows), not done
                err.println(task + (total > 0 && n < total ? ": stopped at " + Format.count(n) + "/" + Format.count(total)
                        : ": done, " + Format.count(n)) + " " + unit + " (" + rate(n) + ")");
                task = null;
            }
        }
    }
}
