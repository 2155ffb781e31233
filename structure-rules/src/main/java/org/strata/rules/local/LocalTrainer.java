package org.strata.rules.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.TripleList;
import org.strata.rules.spread.SpreadGraph;
import org.strata.rules.spread.SpreadModel;
import org.strata.rules.spread.Spreader;
import org.strata.rules.spread.StateTape;

/**
 * Trains a spread network's gates with one {@link LocalRule}: mini-batches of training queries (both
 * directions of every fact), each query's descent direction from the rule, summed over the batch, and
 * an Adagrad-scaled, soft-bounded step of the gates and biases. The same loop, initial weights and step serve every rule, so only
 * the way the direction is found differs. Deterministic for a seed and a thread count.
 */
public final class LocalTrainer {

    /**
     * @param rule            how the direction is found
     * @param steps           settling steps K
     * @param epochs          passes over the training queries
     * @param batch           queries per update
     * @param rate            step size
     * @param beta            nudging strength (phase and kinase rules)
     * @param gain            score gain
     * @param initialGate     every gate's start value
     * @param seed            shuffling seed
     * @param queriesPerEpoch at most this many queries per epoch (0: all), sampled afresh each epoch
     * @param cosineBatches   batches per epoch on which the direction is compared with backprop's (0: none)
     */
    public record Settings(LocalRule rule, int steps, int epochs, int batch, double rate, double beta, float gain,
                           float initialGate, long seed, int queriesPerEpoch, int cosineBatches) {
    }

    /**
     * One epoch: mean cost of the predictions, seconds, peak learning state (bytes), and the mean cosine
     * between the rule's gate update and backprop's on the same batches (1 for backprop itself).
     */
    public record Epoch(int epoch, double cost, double seconds, long stateBytes, double cosine) {
    }

    /** The trained model and its epochs. */
    public record Result(SpreadModel model, List<Epoch> epochs) {
        public long peakStateBytes() {
            return epochs.stream().mapToLong(Epoch::stateBytes).max().orElse(0);
        }

        public double secondsPerEpoch() {
            return epochs.stream().mapToDouble(Epoch::seconds).average().orElse(Double.NaN);
        }
    }

    /** Every answer bias starts here: a little standing input, room to grow or shrink. */
    public static final float INITIAL_BIAS = 0.01f;

    private LocalTrainer() {
    }

    /** Trains from fresh gates; {@code threads} workers of {@code pool} share each batch. */
    public static Result train(SpreadGraph graph, TripleList train, Settings s, ExecutorService pool, int threads,
                               ProgressListener progress) {
        SpreadModel model = new SpreadModel(graph.relations(), graph.entities(), s.steps(), s.gain(), s.initialGate(),
                INITIAL_BIAS);
        return train(graph, model, train, s, pool, threads, progress);
    }

    /** Trains {@code model} further (in place) on {@code train}. */
    public static Result train(SpreadGraph graph, SpreadModel model, TripleList train, Settings s, ExecutorService pool,
                               int threads, ProgressListener progress) {
        return train(graph, model, train, s, pool, threads, progress, e -> {
        });
    }

    /** Trains {@code model} further (in place) on {@code train}, telling {@code onEpoch} after each epoch. */
    public static Result train(SpreadGraph graph, SpreadModel model, TripleList train, Settings s, ExecutorService pool,
                               int threads, ProgressListener progress, java.util.function.Consumer<Epoch> onEpoch) {
        int r = graph.relations();
        int n = train.size();
        int[] entity = new int[2 * n];
        int[] query = new int[2 * n];
        int[] answer = new int[2 * n];
        for (int i = 0; i < n; i++) {
            entity[2 * i] = train.heads()[i];
            query[2 * i] = train.relations()[i];
            answer[2 * i] = train.tails()[i];
            entity[2 * i + 1] = train.tails()[i];
            query[2 * i + 1] = r + train.relations()[i];
            answer[2 * i + 1] = train.heads()[i];
        }
        Worker[] workers = new Worker[threads];
        for (int w = 0; w < threads; w++) {
            workers[w] = new Worker(new Spreader(graph, model), graph);
        }
        Worker[] probes = new Worker[threads]; // backprop on the same batches, for the cosine: its own state
        for (int w = 0; w < threads; w++) {
            probes[w] = new Worker(new Spreader(graph, model), graph);
        }
        Random random = new Random(s.seed());
        int[] order = new int[2 * n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int perEpoch = s.queriesPerEpoch() <= 0 ? order.length : Math.min(order.length, s.queriesPerEpoch());
        List<Epoch> epochs = new ArrayList<>();
        progress.begin("learning (" + s.rule().label() + ", K=" + s.steps() + ")", (long) s.epochs() * perEpoch, "queries");
        double[][] sum = new double[graph.queryRelations()][graph.channels()];
        double[][] biasSum = new double[graph.queryRelations()][graph.entities()];
        double[][] exact = new double[graph.queryRelations()][graph.channels()];
        double[][] biasExact = new double[graph.queryRelations()][graph.entities()];
        double[][] squares = new double[graph.queryRelations()][graph.channels()];
        double[][] biasSquares = new double[graph.queryRelations()][graph.entities()];
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            long start = System.nanoTime();
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (Worker w : workers) {
                w.tape.resetPeak();
            }
            double cost = 0;
            double cosines = 0;
            int measured = 0;
            int batchNo = 0;
            for (int from = 0; from < perEpoch; from += s.batch(), batchNo++) {
                int to = Math.min(perEpoch, from + s.batch());
                cost += run(workers, pool, s.rule(), s.beta(), order, from, to, entity, query, answer);
                gather(workers, sum, biasSum);
                if (batchNo < s.cosineBatches() && s.rule() != LocalRule.BPTT) {
                    run(probes, pool, LocalRule.BPTT, s.beta(), order, from, to, entity, query, answer);
                    gather(probes, exact, biasExact);
                    // the gates only: the readout biases follow the same delta rule under every rule
                    cosines += cosine(new double[][][] {sum}, new double[][][] {exact});
                    measured++;
                }
                adagrad(sum, squares, to - from);
                adagrad(biasSum, biasSquares, to - from);
                model.step(sum, biasSum, s.rate());
                progress.advance(to - from);
            }
            long peak = 0;
            for (Worker w : workers) {
                peak = Math.max(peak, w.tape.peak());
            }
            Epoch e = new Epoch(epoch, cost / perEpoch, (System.nanoTime() - start) / 1e9, peak,
                    s.rule() == LocalRule.BPTT ? 1.0 : measured == 0 ? Double.NaN : cosines / measured);
            epochs.add(e);
            onEpoch.accept(e);
        }
        progress.end();
        return new Result(model, epochs);
    }

    /** Per-thread buffers. */
    private static final class Worker {
        final Spreader net;
        final StateTape tape = new StateTape();
        final double[][] direction;
        final double[][] biasDirection;
        final LocalUpdate.Scratch scratch;
        final boolean[] touched;

        Worker(Spreader net, SpreadGraph graph) {
            this.net = net;
            this.direction = new double[graph.queryRelations()][graph.channels()];
            this.biasDirection = new double[graph.queryRelations()][graph.entities()];
            this.scratch = new LocalUpdate.Scratch(graph.channels(), graph.entities());
            this.touched = new boolean[graph.queryRelations()];
        }
    }

    private static double run(Worker[] workers, ExecutorService pool, LocalRule rule, double beta, int[] order, int from,
                              int to, int[] entity, int[] query, int[] answer) {
        int threads = workers.length;
        List<Future<Double>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Worker worker = workers[w];
            int wi = w;
            java.util.concurrent.Callable<Double> job = () -> {
                double c = 0;
                for (int i = from + wi; i < to; i += threads) {
                    int x = order[i];
                    worker.touched[query[x]] = true;
                    worker.net.maskFact(entity[x], query[x], answer[x]);
                    c += LocalUpdate.direction(rule, worker.net, entity[x], query[x], answer[x], beta, worker.tape,
                            worker.direction[query[x]], worker.biasDirection[query[x]], worker.scratch);
                }
                return c;
            };
            futures.add(threads == 1 ? java.util.concurrent.CompletableFuture.completedFuture(call(job)) : pool.submit(job));
        }
        double cost = 0;
        for (Future<Double> f : futures) {
            try {
                cost += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return cost;
    }

    private static double call(java.util.concurrent.Callable<Double> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sums the workers' directions (in worker order: deterministic) into {@code into}, clearing theirs. */
    private static void gather(Worker[] workers, double[][] into, double[][] biasInto) {
        for (int q = 0; q < into.length; q++) {
            java.util.Arrays.fill(into[q], 0);
            java.util.Arrays.fill(biasInto[q], 0);
        }
        for (Worker w : workers) {
            for (int q = 0; q < w.touched.length; q++) {
                if (w.touched[q]) {
                    move(w.direction[q], into[q]);
                    move(w.biasDirection[q], biasInto[q]);
                    w.touched[q] = false;
                }
            }
        }
    }

    /**
     * Adagrad: the batch's mean direction, divided per weight by the root of the sum of its squares so
     * far (the same for every rule: only the direction differs between learners).
     */
    private static void adagrad(double[][] direction, double[][] squares, int batch) {
        for (int q = 0; q < direction.length; q++) {
            double[] d = direction[q];
            double[] s = squares[q];
            for (int c = 0; c < d.length; c++) {
                if (d[c] != 0) {
                    double x = d[c] / batch;
                    s[c] += x * x;
                    d[c] = x / (Math.sqrt(s[c]) + 1e-12);
                }
            }
        }
    }

    private static void move(double[] src, double[] dst) {
        for (int c = 0; c < src.length; c++) {
            dst[c] += src[c];
        }
        java.util.Arrays.fill(src, 0);
    }

    /** The cosine between two directions (tables of rows), flattened. */
    public static double cosine(double[][][] a, double[][][] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int t = 0; t < a.length; t++) {
            for (int q = 0; q < a[t].length; q++) {
                for (int c = 0; c < a[t][q].length; c++) {
                    ab += a[t][q][c] * b[t][q][c];
                    aa += a[t][q][c] * a[t][q][c];
                    bb += b[t][q][c] * b[t][q][c];
                }
            }
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }
}
