package org.strata.gpu.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.strata.graph.eval.LinkPredictionEvaluator;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.TripleList;
import org.strata.gpu.engine.Engine;
import org.strata.gpu.engine.Indices;
import org.strata.gpu.engine.Sums;
import org.strata.gpu.engine.Tensor;
import org.strata.gpu.eval.EmbeddingScorer;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelKind;

/**
 * Trains an embedding model on a dataset's training facts with 1-vs-all softmax cross-entropy over
 * reciprocal relations, N3 regularisation, mini-batches and Adagrad or Adam, on any {@link Engine}.
 * Every {@code evalEvery} epochs it measures the filtered validation MRR with the shared evaluator and
 * keeps the best parameters; it stops after {@code patience} validations without improvement, at the
 * epoch limit, or when the termination flag is lowered (after the current epoch, which is then validated
 * too, so a time limit keeps the last epoch when it is the best).
 */
public final class Trainer {

    private final Engine engine;
    private final Dataset data;
    private final TrainParameters p;
    private final ExecutorService evalPool;
    private final int evalThreads;
    private final ProgressListener progress;
    private final Consumer<EpochReport> epochs;
    private final TerminationFlag termination;
    private final List<String> entityIds;
    private final List<String> relationNames;
    private TripleList facts;
    private float[][] start;

    /**
     * @param evalPool    threads for validation
     * @param progress    a task per epoch, in queries
     * @param epochs      receives each epoch's report as it ends
     */
    public Trainer(Engine engine, Dataset data, TrainParameters p, ExecutorService evalPool, int evalThreads,
                   ProgressListener progress, Consumer<EpochReport> epochs, TerminationFlag termination) {
        this.engine = engine;
        this.data = data;
        this.p = p;
        this.evalPool = evalPool;
        this.evalThreads = evalThreads;
        this.progress = progress;
        this.epochs = epochs;
        this.termination = termination;
        this.entityIds = names(data.entities());
        this.relationNames = names(data.relations());
        this.facts = data.train();
    }

    /** Trains on these facts instead of the dataset's training split (continual learning over chunks). */
    public Trainer onFacts(TripleList facts) {
        this.facts = facts;
        return this;
    }

    /** Starts from a model's parameters instead of fresh ones (the optimizer state starts afresh). */
    public Trainer startingFrom(EmbeddingModel model) {
        this.start = new float[][] {model.entity().clone(), model.relation().clone()};
        return this;
    }

    /** Initial parameters: normal with standard deviation {@code initScale}, from the seed. */
    public static float[][] initialParameters(ModelKind kind, int dim, int entities, int relations, double scale,
                                              long seed) {
        Random random = new Random(seed);
        int w = kind.width(dim);
        float[] e = new float[entities * w];
        float[] r = new float[2 * relations * w];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (random.nextGaussian() * scale);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (random.nextGaussian() * scale);
        }
        return new float[][] {e, r};
    }

    public TrainResult train() {
        int entities = data.entities().size();
        int relations = data.relations().size();
        int w = p.model().width(p.dim());
        TripleList train = facts;
        int queries = 2 * train.size();
        if (train.size() == 0) {
            throw new IllegalArgumentException(data.name() + " has no training facts");
        }
        int[] subject = new int[queries];
        int[] relation = new int[queries];
        int[] target = new int[queries];
        for (int i = 0; i < train.size(); i++) {
            subject[2 * i] = train.heads()[i];
            relation[2 * i] = train.relations()[i];
            target[2 * i] = train.tails()[i];
            subject[2 * i + 1] = train.tails()[i];
            relation[2 * i + 1] = train.relations()[i] + relations;
            target[2 * i + 1] = train.heads()[i];
        }
        float[][] init = start != null ? start
                : initialParameters(p.model(), p.dim(), entities, relations, p.initScale(), p.seed());
        Tensor e = engine.allocate(entities, w);
        Tensor r = engine.allocate(2 * relations, w);
        engine.upload(init[0], e);
        engine.upload(init[1], r);
        Tensor de = engine.allocate(entities, w);
        Tensor dr = engine.allocate(2 * relations, w);
        boolean adam = p.optimizer() == Optimizer.ADAM;
        Tensor se = engine.allocate(entities, w);
        Tensor sr = engine.allocate(2 * relations, w);
        Tensor ve = adam ? engine.allocate(entities, w) : null;
        Tensor vr = adam ? engine.allocate(2 * relations, w) : null;
        int batch = Math.min(p.batch(), queries);
        List<EpochReport> reports = new ArrayList<>();
        float[][] best = null;
        double bestMrr = Double.NEGATIVE_INFINITY;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        boolean stoppedByRequest = false;
        long activation;
        int step = 0;
        Random order = new Random(p.seed() ^ 0x5DEECE66DL);
        int[] perm = new int[queries];
        for (int i = 0; i < queries; i++) {
            perm[i] = i;
        }
        int[] bs = new int[queries];
        int[] br = new int[queries];
        int[] bt = new int[queries];
        Sums sums = engine.sums(2);
        try (Backprop backprop = new Backprop(engine, p.model(), p.dim(), entities, batch)) {
            activation = backprop.activationBytes();
            for (int epoch = 1; epoch <= p.epochs(); epoch++) {
                for (int i = queries - 1; i > 0; i--) {
                    int j = order.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                long start = System.nanoTime();
                for (int k = 0; k < queries; k++) {
                    int qi = perm[k];
                    bs[k] = subject[qi];
                    br[k] = relation[qi];
                    bt[k] = target[qi];
                }
                // the epoch's queries go to the engine once; each batch is a run of them
                Indices es = engine.indices(bs);
                Indices er = engine.indices(br);
                Indices et = engine.indices(bt);
                engine.clear(sums);
                int batches = 0;
                progress.begin(String.format(Locale.ROOT, "epoch %d/%d", epoch, p.epochs()), queries, "queries");
                try {
                    for (int from = 0; from < queries; from += batch) {
                        int n = Math.min(batch, queries - from);
                        backprop.accumulate(e, r, es, er, et, from, n, p.reg(), de, dr, sums);
                        batches++;
                        step++;
                        float lr = (float) p.lr();
                        if (adam) {
                            engine.adam(e, de, se, ve, lr, 0.9f, 0.999f, 1e-8f, step);
                            engine.adam(r, dr, sr, vr, lr, 0.9f, 0.999f, 1e-8f, step);
                        } else {
                            engine.adagrad(e, de, se, lr, 1e-10f);
                            engine.adagrad(r, dr, sr, lr, 1e-10f);
                        }
                        progress.advance(n);
                    }
                } finally {
                    progress.end();
                    engine.free(es);
                    engine.free(er);
                    engine.free(et);
                }
                double[] totals = engine.read(sums);
                double ce = totals[Backprop.CROSS_ENTROPY];
                double n3 = totals[Backprop.N3];
                double seconds = (System.nanoTime() - start) / 1e9;
                double loss = ce / queries;
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "training diverged at epoch %d (loss %s): lower --lr (now %s)", epoch, loss, p.lr()));
                }
                double mrr = Double.NaN;
                boolean isBest = false;
                boolean last = !termination.isRunning();
                boolean validate = p.evalEvery() > 0 && (epoch % p.evalEvery() == 0 || epoch == p.epochs() || last);
                if (validate) {
                    float[][] now = {engine.download(e), engine.download(r)};
                    mrr = validationMrr(now);
                    if (mrr > bestMrr) {
                        bestMrr = mrr;
                        best = now;
                        isBest = true;
                        sinceBest = 0;
                    } else {
                        sinceBest++;
                    }
                }
                EpochReport report = new EpochReport(epoch, loss, n3 / batches, seconds, queries, mrr, isBest);
                reports.add(report);
                epochs.accept(report);
                if (validate && p.patience() > 0 && sinceBest >= p.patience()) {
                    stoppedEarly = true;
                    break;
                }
                if (last && epoch < p.epochs()) {
                    stoppedByRequest = true;
                    break;
                }
            }
            if (best == null) {
                best = new float[][] {engine.download(e), engine.download(r)};
            }
        } finally {
            engine.free(sums);
            for (Tensor t : new Tensor[] {e, r, de, dr, se, sr, ve, vr}) {
                if (t != null) {
                    engine.free(t);
                }
            }
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("dataset", data.name());
        info.put("engine", engine.description());
        info.put("settings", p.toString());
        info.put("epochs", Integer.toString(reports.size()));
        if (bestMrr > Double.NEGATIVE_INFINITY) {
            info.put("validMrr", String.format(Locale.ROOT, "%.4f", bestMrr));
        }
        EmbeddingModel model = new EmbeddingModel(p.model(), p.dim(), entityIds, relationNames,
                best[0], best[1], info);
        return new TrainResult(model, reports, activation, engine.peakBytes(), stoppedEarly,
                stoppedByRequest);
    }

    private double validationMrr(float[][] params) {
        EmbeddingModel m = new EmbeddingModel(p.model(), p.dim(), entityIds, relationNames,
                params[0], params[1], Map.of());
        return new LinkPredictionEvaluator(evalPool, evalThreads, ProgressListener.NONE)
                .evaluate(data, "valid", new EmbeddingScorer(m, data.entities(), data.relations())).mrr();
    }

    private static List<String> names(org.strata.graph.projection.Dictionary d) {
        List<String> names = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            names.add(d.name(i));
        }
        return names;
    }
}
