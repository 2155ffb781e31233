package org.strata.rules.judge;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.RuleLearner;

/**
 * The judge tests' shared set-up: the bundled UMLS, its training facts, rules learned in three short rounds
 * and compiled to fire by noisy-or, and two workers (shut down by {@link #close()}).
 */
record UmlsRules(Dataset data, Projection train, RuleEngine engine, ExecutorService pool) implements AutoCloseable {

    static UmlsRules learn() throws InterruptedException {
        Dataset data = Dataset.load(RuleJudgeTest.UMLS.toAbsolutePath().normalize());
        Projection train = data.trainProjection();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        var rules = new RuleLearner(train, LearnParameters.ofRounds(3, 1, 3), pool, ProgressListener.NONE,
                TerminationFlag.running()).learn().rules();
        return new UmlsRules(data, train, new RuleEngine(train, rules, 0.5, Aggregation.NOISY_OR, 1), pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
