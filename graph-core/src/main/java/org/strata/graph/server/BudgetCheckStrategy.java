package org.strata.graph.server;

import java.util.ArrayList;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.FilterStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.FlatMapStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GraphStep;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.DefaultTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;
import org.strata.graph.server.budget.RequestBudget;

/**
 * Lets a served traversal stop itself: after every step that can multiply traversers (a graph step,
 * {@code out()}, {@code properties()}, {@code unfold()} and the other flat-map steps) and after the first
 * step of every traversal and child traversal, a pass-through step calls {@link RequestBudget#check()},
 * which ends the request when its time or memory is spent. This is how the server's timeout works: Gremlin
 * Server's own timeout interrupts the thread, and an interrupt that reaches BerkeleyJE invalidates the
 * embedded store. A finalization strategy, so that every optimization has shaped the traversal first.
 *
 * <p>Stateless; one shared instance.
 */
final class BudgetCheckStrategy extends AbstractTraversalStrategy<TraversalStrategy.FinalizationStrategy>
        implements TraversalStrategy.FinalizationStrategy {

    private static final BudgetCheckStrategy INSTANCE = new BudgetCheckStrategy();

    private BudgetCheckStrategy() {
    }

    static BudgetCheckStrategy instance() {
        return INSTANCE;
    }

    @Override
    public void apply(Traversal.Admin<?, ?> traversal) {
        if (!(traversal instanceof DefaultTraversal) || traversal.getSteps().isEmpty()) {
            return;
        }
        boolean first = true;
        for (Step<?, ?> step : new ArrayList<>(traversal.getSteps())) {
            if (step instanceof Check<?>) {
                return; // applied already
            }
            if (first || step instanceof GraphStep<?, ?> || step instanceof FlatMapStep<?, ?>) {
                TraversalHelper.insertAfterStep(new Check<>(traversal), step, traversal);
            }
            first = false;
        }
    }

    /** Traversers that pass a check step between two checks. */
    static final int EVERY = 64;

    /**
     * The pass-through step that checks the request's budget: at its first traverser and every
     * {@value #EVERY} after (a check per traverser doubled the time of a 2-hop count on FB15k-237).
     */
    static final class Check<S> extends FilterStep<S> {
        private int passed;

        Check(Traversal.Admin<?, ?> traversal) {
            super(traversal);
        }

        @Override
        protected boolean filter(Traverser.Admin<S> traverser) {
            if (passed++ % EVERY == 0) {
                RequestBudget.check();
            }
            return true;
        }
    }
}
