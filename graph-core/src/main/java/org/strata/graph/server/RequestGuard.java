package org.strata.graph.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tinkerpop.gremlin.jsr223.GremlinScriptChecker;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.TraversalStrategyProxy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.OptionsStrategy;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticatedUser;
import org.apache.tinkerpop.gremlin.server.handler.StateKey;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.function.Lambda;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.strata.graph.server.budget.RequestBudgets;
import org.strata.graph.server.sandbox.ClientStrategies;

/**
 * Inspects every decoded request before Gremlin Server acts on it, and answers 403 to what the server
 * does not allow:
 * <ul>
 *   <li>string scripts when they are off;</li>
 *   <li>bytecode carrying a lambda (Groovy code the server would compile outside any sandbox, before
 *       strategies run); bytecode that removes strategies, switches to OLAP, adds a strategy that is not
 *       one of {@link ClientStrategies}, or uses the {@code io}, {@code program} or {@code call} steps; a predicate
 *       passed where a Java predicate is expected ({@code filter(P)}, {@code choose(P, ...)}), which
 *       would be evaluated where the server's regex rewriting cannot reach it;</li>
 *   <li>any timeout the client asks for that is not a positive number of milliseconds within the
 *       server's limit, whether a request option, {@code with()} in bytecode or {@code with()} in the
 *       script text (Gremlin Server reads all three, and takes 0 to mean "no timeout");</li>
 *   <li>BigDecimal and BigInteger values, in bytecode and in script bindings (their arithmetic grows
 *       without bound, and a sack multiplied by itself doubles its digits each step);</li>
 *   <li>a new session when {@code maxSessions} are open.</li>
 * </ul>
 * A timeout the client may ask for (positive, within the limit) is taken out of the request and handed to
 * {@link RequestBudgets}, which applies it without interrupting a thread. On the way out it gives the
 * answer of a request that the budget stopped the real reason (and code 598 for time). It also remembers
 * who sent each request, for the delta of a write.
 *
 * <p>Stateless but for the budget's reasons; shared by all channels.
 */
@ChannelHandler.Sharable
final class RequestGuard extends ChannelDuplexHandler {

    private static final Set<String> REFUSED_SOURCE_STEPS = Set.of("withoutStrategies", "withComputer", "withRemote");
    private static final Set<String> REFUSED_STEPS = Set.of("io", "program", "call", "read", "write");
    /** Steps whose predicate form takes a {@code java.util.function.Predicate}: a P there is evaluated as a lambda. */
    private static final Set<String> LAMBDA_PREDICATE_STEPS = Set.of("filter", "choose", "until", "emit");
    /** GremlinScriptChecker's trigger words: when a script holds one, the server parses it with regexes. */
    private static final Set<String> SCRIPT_OPTION_WORDS = Set.of("evaluationTimeout", "scriptEvaluationTimeout",
            "ARGS_EVAL_TIMEOUT", "ARGS_SCRIPT_EVAL_TIMEOUT", "requestId", "REQUEST_ID", "materializeProperties",
            "ARGS_MATERIALIZE_PROPERTIES");
    /** Longest script that may set request options in its text (the server's parser is quadratic in it). */
    static final int MAX_OPTION_SCRIPT = 16 * 1024;

    private final boolean scriptsEnabled;
    private final long maxTimeoutMillis;
    private final int maxSessions;
    private final RequestBudgets budgets;
    private final ClientAttribution attribution;

    RequestGuard(boolean scriptsEnabled, long maxTimeoutMillis, int maxSessions, RequestBudgets budgets,
                 ClientAttribution attribution) {
        this.scriptsEnabled = scriptsEnabled;
        this.maxTimeoutMillis = maxTimeoutMillis;
        this.maxSessions = maxSessions;
        this.budgets = budgets;
        this.attribution = attribution;
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
            attribution.remember(request.getRequestId(), who(ctx));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof ResponseMessage response && response.getStatus().getCode().getValue() >= 500
                && response.getRequestId() != null) {
            boolean time = budgets.stoppedForTime(response.getRequestId());
            String reason = budgets.stopReason(response.getRequestId());
            if (reason != null) {
                msg = ResponseMessage.build(response.getRequestId())
                        .code(time ? ResponseStatusCode.SERVER_ERROR_TIMEOUT : ResponseStatusCode.SERVER_ERROR)
                        .statusMessage(reason).create();
            }
        }
        super.write(ctx, msg, promise);
    }

    private static String who(ChannelHandlerContext ctx) {
        AuthenticatedUser user = ctx.channel().attr(StateKey.AUTHENTICATED_USER).get();
        String address = String.valueOf(ctx.channel().remoteAddress());
        if (address.startsWith("/")) {
            address = address.substring(1);
        }
        return (user == null || user.isAnonymous() ? "anonymous" : user.getName()) + "@" + address;
    }

    /** Why the server refuses a request, or {@code null}. */
    String problem(RequestMessage request) {
        Map<String, Object> args = request.getArgs();
        if (args.containsKey(Tokens.ARGS_EVAL_TIMEOUT)) {
            String timeout = checkTimeout(args.get(Tokens.ARGS_EVAL_TIMEOUT));
            if (timeout != null) {
                return timeout;
            }
            // the budget applies it; left in the request, Gremlin Server would interrupt the request's thread
            // when it expires, and an interrupt that reaches BerkeleyJE invalidates the store
            budgets.askedTimeout(request.getRequestId(), ((Number) args.remove(Tokens.ARGS_EVAL_TIMEOUT)).longValue());
        }
        if (Tokens.OPS_EVAL.equals(request.getOp()) && !scriptsEnabled) {
            return "String scripts are disabled on this server (started with --scripts off); send bytecode traversals";
        }
        Object session = args.get(Tokens.ARGS_SESSION);
        if (session != null && maxSessions == 0) {
            return "Sessions are off on this server (strata serve --max-sessions N turns them on); send sessionless "
                    + "requests";
        }
        if (session != null && !OpenSessions.isOpen(session.toString()) && OpenSessions.count() >= maxSessions) {
            return "This server has " + maxSessions + " sessions open, its limit; close one or send sessionless requests";
        }
        Object gremlin = args.get(Tokens.ARGS_GREMLIN);
        if (gremlin instanceof Bytecode bytecode) {
            return checkBytecode(bytecode);
        }
        if (gremlin instanceof String script) {
            String problem = checkScript(script);
            if (problem == null && args.get(Tokens.ARGS_BINDINGS) instanceof Map<?, ?> bindings) {
                problem = checkValue(bindings);
            }
            return problem;
        }
        return null;
    }

    private String checkTimeout(Object value) {
        if (!(value instanceof Number n) || value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof Double || value instanceof Float) {
            return "evaluationTimeout must be a whole number of milliseconds, got " + value;
        }
        long ms = n.longValue();
        if (ms <= 0) {
            return "evaluationTimeout " + ms + " ms is not allowed (0 or less would mean no timeout); this server's "
                    + "limit is " + maxTimeoutMillis + " ms";
        }
        if (ms > maxTimeoutMillis) {
            return "evaluationTimeout " + ms + " ms exceeds this server's limit of " + maxTimeoutMillis + " ms";
        }
        return null;
    }

    private String checkScript(String script) {
        boolean options = false;
        for (String word : SCRIPT_OPTION_WORDS) {
            if (script.contains(word)) {
                options = true;
                break;
            }
        }
        if (!options) {
            return null;
        }
        if (script.length() > MAX_OPTION_SCRIPT || script.contains("/*")) {
            return "a script that sets evaluationTimeout, requestId or materializeProperties in its text must be at most "
                    + MAX_OPTION_SCRIPT / 1024 + " KiB and hold no /* comments; send them as request options instead";
        }
        Optional<Long> timeout;
        try {
            timeout = GremlinScriptChecker.parse(script).getTimeout();
        } catch (RuntimeException e) {
            return "cannot read the request options in the script: " + e.getMessage();
        }
        if (timeout.isPresent()) {
            String problem = checkTimeout(timeout.get());
            return problem != null ? problem : "a script may not set evaluationTimeout in its text (Gremlin Server would "
                    + "interrupt the request, which the store cannot take); send it as a request option";
        }
        return null;
    }

    private String checkBytecode(Bytecode bytecode) {
        for (Bytecode.Instruction i : bytecode.getSourceInstructions()) {
            String op = i.getOperator();
            if (REFUSED_SOURCE_STEPS.contains(op)) {
                return "The " + op + "() source step is not allowed on this server";
            }
            if (op.equals("with") && i.getArguments().length >= 1
                    && isTimeoutKey(i.getArguments()[0])) {
                String t = checkTimeout(i.getArguments().length > 1 ? i.getArguments()[1] : null);
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
            if (LAMBDA_PREDICATE_STEPS.contains(i.getOperator())) {
                for (Object a : i.getArguments()) {
                    if (a instanceof P<?>) {
                        return "The " + i.getOperator() + "(P) form is not allowed on this server (the predicate would "
                                + "run as a lambda); use " + i.getOperator() + "(is(P)) or has()";
                    }
                }
            }
            String problem = checkArguments(i.getArguments());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static boolean isTimeoutKey(Object key) {
        return Tokens.ARGS_EVAL_TIMEOUT.equals(key) || "scriptEvaluationTimeout".equals(key);
    }

    private String checkStrategy(Object strategy) {
        Class<?> type = strategy instanceof TraversalStrategyProxy<?> p ? p.getStrategyClass() : strategy.getClass();
        if (!ClientStrategies.allows(type)) {
            return "Adding " + type.getSimpleName() + " is not allowed on this server (allowed: "
                    + String.join(", ", new java.util.TreeSet<>(ClientStrategies.names())) + ")";
        }
        if (strategy instanceof OptionsStrategy o) {
            for (Map.Entry<String, Object> e : o.getOptions().entrySet()) {
                if (isTimeoutKey(e.getKey())) {
                    String t = checkTimeout(e.getValue());
                    if (t != null) {
                        return t;
                    }
                }
            }
        } else if (strategy instanceof TraversalStrategyProxy<?> p && p.getConfiguration() != null) {
            for (var keys = p.getConfiguration().getKeys(); keys.hasNext(); ) {
                String key = keys.next();
                if (isTimeoutKey(key)) {
                    String t = checkTimeout(p.getConfiguration().getProperty(key));
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        return null;
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
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            return "BigDecimal and BigInteger values are not accepted by this server (their arithmetic is unbounded); "
                    + "send a double or a long (got " + abbreviate(value) + ")";
        }
        if (value instanceof Bytecode nested) {
            return checkBytecode(nested);
        }
        if (value instanceof P<?> p) {
            return checkValue(p.getValue());
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

    private static String abbreviate(Object value) {
        String s = value instanceof BigDecimal d ? d.precision() + " digits, scale " + d.scale()
                : ((BigInteger) value).bitLength() + " bits";
        return value.getClass().getSimpleName() + " of " + s;
    }
}
