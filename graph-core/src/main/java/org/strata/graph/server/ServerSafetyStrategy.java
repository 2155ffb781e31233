package org.strata.graph.server;

import org.apache.tinkerpop.gremlin.process.computer.traversal.step.map.ProgramVertexProgramStep;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.CallStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.sideEffect.IoStep;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.VerificationException;

/**
 * A verification strategy on the served traversal source that refuses the steps that reach outside the
 * graph: {@code io()} (reads and writes files on the server), {@code program()} (runs an OLAP vertex
 * program) and {@code call()} (provider services). It holds whatever sent the traversal: bytecode or a
 * script. Stateless; one shared instance.
 */
public final class ServerSafetyStrategy extends AbstractTraversalStrategy<TraversalStrategy.VerificationStrategy>
        implements TraversalStrategy.VerificationStrategy {

    private static final ServerSafetyStrategy INSTANCE = new ServerSafetyStrategy();

    private ServerSafetyStrategy() {
    }

    public static ServerSafetyStrategy instance() {
        return INSTANCE;
    }

    @Override
    public void apply(Traversal.Admin<?, ?> traversal) {
        for (Step<?, ?> step : TraversalHelper.getStepsOfAssignableClassRecursively(Step.class, traversal)) {
            if (step instanceof IoStep || step instanceof ProgramVertexProgramStep || step instanceof CallStep) {
                throw new VerificationException("The " + step.getClass().getSimpleName()
                        + " step is not allowed on this server", traversal);
            }
        }
    }
}
