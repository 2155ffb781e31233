package org.strata.graph.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.TraversalStrategyProxy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.OptionsStrategy;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.function.Lambda;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;

/**
 * Inspects every decoded request before Gremlin Server acts on it, and answers 403 to what the server
 * does not allow: string scripts when they are off; bytecode carrying a lambda (a lambda is Groovy code
 * that the server would compile outside any sandbox, before strategies run); bytecode that removes
 * strategies, switches to OLAP, or uses the {@code io}, {@code program} or {@code call} steps; and any
 * request asking for a longer evaluation timeout than the server's.
 *
 * <p>Stateless; shared by all channels.
 */
@ChannelHandler.Sharable
final class RequestGuard extends ChannelInboundHandlerAdapter {

    private static final Set<String> REFUSED_SOURCE_STEPS = Set.of("withoutStrategies", "withComputer", "withRemote");
    private static final Set<String> REFUSED_STEPS = Set.of("io", "program", "call", "read", "write");
    private static final Set<String> REFUSED_STRATEGIES = Set.of("VertexProgramStrategy");

    private final boolean scriptsEnabled;
    private final long maxTimeoutMillis;

    RequestGuard(boolean scriptsEnabled, long maxTimeoutMillis) {
        this.scriptsEnabled = scriptsEnabled;
        this.maxTimeoutMillis = maxTimeoutMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RequestMessage request) {
            String problem = problem(request);
            if (problem != null) {
                ctx.writeAndFlush(ResponseMessage.build(request).code(ResponseStatusCode.FORBIDDEN)
                        .statusMessage(problem).create());
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the server refuses a request, or {@code null}. */
    String problem(RequestMessage request) {
        String timeout = checkTimeout(request.getArgs().get(Tokens.ARGS_EVAL_TIMEOUT));
        if (timeout != null) {
            return timeout;
        }
        if (Tokens.OPS_EVAL.equals(request.getOp()) && !scriptsEnabled) {
            return "String scripts are disabled on this server (started with --scripts off); send bytecode traversals";
        }
        Object gremlin = request.getArgs().get(Tokens.ARGS_GREMLIN);
        if (gremlin instanceof Bytecode bytecode) {
            return checkBytecode(bytecode);
        }
        return null;
    }

    private String checkTimeout(Object value) {
        if (value instanceof Number n && n.longValue() > maxTimeoutMillis) {
            return "evaluationTimeout " + n.longValue() + " ms exceeds this server's limit of " + maxTimeoutMillis + " ms";
        }
        return null;
    }

    private String checkBytecode(Bytecode bytecode) {
        for (Bytecode.Instruction i : bytecode.getSourceInstructions()) {
            String op = i.getOperator();
            if (REFUSED_SOURCE_STEPS.contains(op)) {
                return "The " + op + "() source step is not allowed on this server";
            }
            if (op.equals("with") && i.getArguments().length == 2
                    && Tokens.ARGS_EVAL_TIMEOUT.equals(i.getArguments()[0])) {
                String t = checkTimeout(i.getArguments()[1]);
                if (t != null) {
                    return t;
                }
            }
            if (op.equals("withStrategies")) {
                for (Object s : i.getArguments()) {
                    String problem = checkStrategy(s);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            String problem = checkArguments(i.getArguments());
            if (problem != null) {
                return problem;
            }
        }
        for (Bytecode.Instruction i : bytecode.getStepInstructions()) {
            if (REFUSED_STEPS.contains(i.getOperator())) {
                return "The " + i.getOperator() + "() step is not allowed on this server";
            }
            String problem = checkArguments(i.getArguments());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String checkStrategy(Object strategy) {
        Class<?> type = strategy instanceof TraversalStrategyProxy<?> p ? p.getStrategyClass() : strategy.getClass();
        if (REFUSED_STRATEGIES.contains(type.getSimpleName())) {
            return "Adding " + type.getSimpleName() + " is not allowed on this server";
        }
        Object timeout = null;
        if (strategy instanceof OptionsStrategy o) {
            timeout = o.getOptions().get(Tokens.ARGS_EVAL_TIMEOUT);
        } else if (strategy instanceof TraversalStrategyProxy<?> p && p.getConfiguration() != null) {
            timeout = p.getConfiguration().getProperty(Tokens.ARGS_EVAL_TIMEOUT);
        }
        return checkTimeout(timeout);
    }

    private String checkArguments(Object[] arguments) {
        for (Object a : arguments) {
            String problem = checkValue(a);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String checkValue(Object value) {
        if (value instanceof Lambda) {
            return "Lambdas are not allowed on this server; express the logic with Gremlin steps";
        }
        if (value instanceof Bytecode nested) {
            return checkBytecode(nested);
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                String p = checkValue(o);
                if (p != null) {
                    return p;
                }
            }
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = checkValue(e.getKey());
                if (p == null) {
                    p = checkValue(e.getValue());
                }
                if (p != null) {
                    return p;
                }
            }
        }
        if (value instanceof Object[] array) {
            return checkArguments(array);
        }
        return null;
    }
}
