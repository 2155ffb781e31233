package org.strata.graph.server;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.lang.reflect.Field;
import java.util.regex.Matcher;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.PBiPredicate;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Text;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.HasContainerHolder;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.IsStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.WherePredicateStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.verification.VerificationException;
import org.apache.tinkerpop.gremlin.process.traversal.util.ConnectiveP;

/**
 * Makes {@code regex()} and {@code notRegex()} predicates run in linear time: TinkerPop evaluates them
 * with {@code java.util.regex}, a backtracking engine in which a pattern such as {@code (a+)+$} takes time
 * exponential in the length of the value, and which never looks at interrupts, so a timeout cannot stop
 * it. This strategy gives every such predicate an RE2J matcher instead (Thompson automaton, time linear in
 * pattern × value), with the same "find anywhere" meaning. RE2 syntax is Java's without backreferences and
 * lookaround; a pattern outside it, longer than {@value #MAX_PATTERN} characters or with nested counted
 * repetition of more than {@value #MAX_REPEAT} is refused. JanusGraph's own regex predicates
 * ({@code textRegex} and relatives) run Java's engine too and are refused.
 *
 * <p>Predicates sit in has-containers, {@code is()} and {@code where(P)}; the request guard and the script
 * sandbox refuse the forms that would carry a predicate anywhere else ({@code filter(P)} and relatives).
 * An optimization strategy, so that decorations (such as a client's SubgraphStrategy) have added their
 * steps, while the predicate objects are still where TinkerPop placed them; provider optimizations that
 * fold containers into their own steps later keep the same objects.
 *
 * <p>Stateless; one shared instance.
 */
final class LinearRegexStrategy extends AbstractTraversalStrategy<TraversalStrategy.OptimizationStrategy>
        implements TraversalStrategy.OptimizationStrategy {

    static final int MAX_PATTERN = 1000;
    static final int MAX_REPEAT = 1000;

    private static final LinearRegexStrategy INSTANCE = new LinearRegexStrategy();
    private static final String JANUS_TEXT = "org.janusgraph.core.attribute.Text";
    private static final Field PREDICATE;

    static {
        try {
            PREDICATE = P.class.getDeclaredField("biPredicate");
            PREDICATE.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("TinkerPop's P has no biPredicate field: " + e);
        }
    }

    private LinearRegexStrategy() {
    }

    static LinearRegexStrategy instance() {
        return INSTANCE;
    }

    @Override
    public void apply(Traversal.Admin<?, ?> traversal) {
        for (Step<?, ?> step : traversal.getSteps()) {
            if (step instanceof HasContainerHolder holder) {
                for (HasContainer c : holder.getHasContainers()) {
                    rewrite(c.getPredicate(), traversal);
                }
            }
            if (step instanceof IsStep<?> is) {
                rewrite(is.getPredicate(), traversal);
            }
            if (step instanceof WherePredicateStep<?> where) {
                where.getPredicate().ifPresent(p -> rewrite(p, traversal));
            }
        }
    }

    private static void rewrite(P<?> p, Traversal.Admin<?, ?> traversal) {
        if (p == null) {
            return;
        }
        if (p instanceof ConnectiveP<?> c) {
            for (P<?> child : c.getPredicates()) {
                rewrite(child, traversal);
            }
            return;
        }
        PBiPredicate<?, ?> bi = p.getBiPredicate();
        if (bi instanceof Text.RegexPredicate regex) {
            set(p, new Linear(compile(regex.getPattern(), traversal), regex.isNegate()));
        } else if (bi instanceof Enum<?> e && e.getDeclaringClass().getName().equals(JANUS_TEXT)
                && e.name().contains("REGEX")) {
            throw new VerificationException("JanusGraph's " + e.name().toLowerCase() + " predicate is not allowed on this "
                    + "server (it runs Java's backtracking regex engine); use regex(), which this server evaluates in "
                    + "linear time", traversal);
        }
    }

    private static void set(P<?> p, Linear predicate) {
        try {
            PREDICATE.set(p, predicate);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace a regex predicate", e);
        }
    }

    static Pattern compile(String pattern, Traversal.Admin<?, ?> traversal) {
        if (pattern.length() > MAX_PATTERN) {
            throw new VerificationException("regex pattern of " + pattern.length() + " characters; this server allows at "
                    + "most " + MAX_PATTERN, traversal);
        }
        long repeat = 1;
        Matcher counted = java.util.regex.Pattern.compile("\\{(\\d{1,6})(?:,(\\d{0,6}))?}").matcher(pattern);
        while (counted.find()) {
            String upper = counted.group(2) == null || counted.group(2).isEmpty() ? counted.group(1) : counted.group(2);
            repeat *= Math.max(1, Long.parseLong(upper));
            if (repeat > MAX_REPEAT) {
                throw new VerificationException("regex pattern '" + pattern + "' repeats more than " + MAX_REPEAT
                        + " times in all; this server refuses it", traversal);
            }
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new VerificationException("regex pattern '" + pattern + "' is not supported on this server ("
                    + e.getDescription() + "); patterns use RE2 syntax: no backreferences or lookaround", traversal);
        }
    }

    /** {@code regex}/{@code notRegex} by RE2J: true when the pattern matches somewhere in the value. */
    static final class Linear implements PBiPredicate<String, String> {
        private final Pattern pattern;
        private final boolean negate;

        Linear(Pattern pattern, boolean negate) {
            this.pattern = pattern;
            this.negate = negate;
        }

        @Override
        public boolean test(String value, String ignored) {
            return negate != pattern.matcher(value).find();
        }

        @Override
        public PBiPredicate<String, String> negate() {
            return new Linear(pattern, !negate);
        }

        @Override
        public String getPredicateName() {
            return negate ? "notRegex" : "regex";
        }

        @Override
        public String toString() {
            return getPredicateName() + "(" + pattern.pattern() + ")";
        }
    }
}
