package org.strata.rules.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.strata.graph.io.AtomicFile;
import org.strata.graph.io.InputException;
import org.strata.graph.io.LineReader;
import org.strata.graph.projection.Dictionary;

/**
 * AnyBURL's rule file format, so that its rule files and ours are interchangeable: one rule a line,
 * {@code predicted<TAB>correct<TAB>confidence<TAB>rule}, where {@code predicted} counts the body
 * groundings and {@code correct} those that are facts, and the rule reads
 * {@code r(X,Y) <= b1(X,A), b2(A,Y)}. Head variables are X and Y, path variables A, B, C in path order;
 * constants are entity ids as they are. The confidence column is informative: a reader recomputes it
 * from the counts with its own smoothing constant.
 *
 * <p>A reflexive rule is written {@code r(X,me_myself_i) <= ...} in files, with the constant AnyBURL's
 * REWRITE_REFLEXIV setting gives a reflexive fact's tail, and shown as {@code r(X,X) <= ...} to people
 * ({@link #text}); both read back as the same rule.
 *
 * <p>Limits of the format (AnyBURL's too): an entity id that is a single capital letter reads as a
 * variable, and relation names must not contain {@code (}.
 */
public final class RuleFormat {

    private static final String[] PATH_VARIABLES = {"A", "B", "C", "D"};

    private RuleFormat() {
    }

    /** The constant AnyBURL writes for the head variable of a reflexive rule, {@code r(X,me_myself_i)}. */
    public static final String SELF_CONSTANT = "me_myself_i";

    /** The rule as people read it, {@code r(X,Y) <= b1(X,A), b2(A,Y)}; a reflexive rule as {@code r(X,X) <= ...}. */
    public static String text(Rule rule, Dictionary entities, Dictionary relations) {
        return format(rule, entities, relations, "X");
    }

    private static String format(Rule rule, Dictionary entities, Dictionary relations, String self) {
        StringBuilder sb = new StringBuilder();
        String start;
        String end;
        switch (rule.kind()) {
            case CYCLIC -> {
                sb.append(relations.name(rule.head())).append("(X,Y)");
                start = "X";
                end = "Y";
            }
            default -> {
                String c = rule.reflexive() ? self : entities.name(rule.headConstant());
                start = rule.constantIsTail() ? "X" : "Y";
                sb.append(relations.name(rule.head())).append('(').append(rule.constantIsTail() ? "X," + c : c + ",Y")
                        .append(')');
                end = rule.kind() == Rule.Kind.CONSTANT_END ? entities.name(rule.endConstant())
                        : rule.length() == 0 ? null : PATH_VARIABLES[rule.length() - 1];
            }
        }
        sb.append(" <= "); // a zero rule keeps the trailing space, as AnyBURL writes it
        String previous = start;
        for (int i = 0; i < rule.length(); i++) {
            String next = i == rule.length() - 1 ? end : PATH_VARIABLES[i];
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(relations.name(rule.relation(i))).append('(');
            sb.append(rule.inverse(i) ? next + "," + previous : previous + "," + next).append(')');
            previous = next;
        }
        return sb.toString();
    }

    /** One line of a rule file (a reflexive rule with AnyBURL's {@value #SELF_CONSTANT}). */
    public static String line(Rule rule, double pc, Dictionary entities, Dictionary relations) {
        return rule.predicted() + "\t" + rule.correct() + "\t" + String.format(Locale.ROOT, "%.6f", rule.confidence(pc))
                + "\t" + format(rule, entities, relations, SELF_CONSTANT);
    }

    /** Writes a rule file atomically, in the order given. */
    public static void write(List<Rule> rules, double pc, Dictionary entities, Dictionary relations, Path out) {
        AtomicFile.write(out, w -> {
            for (Rule r : rules) {
                w.write(line(r, pc, entities, relations));
                w.write('\n');
            }
        });
    }

    /**
     * Rules read from a file; how many lines named a relation or entity the dictionaries lack, and how
     * many were well-formed rules of a shape Strata does not apply (longer bodies, an empty body under a
     * head without a constant); both kinds are skipped.
     */
    public record ReadResult(List<Rule> rules, int unknownNames, int unsupported) {
    }

    /**
     * Reads a rule file against the dictionaries of the data the rules are for. A malformed line is an
     * {@link InputException} naming file, line and field; a rule about an unknown relation or entity,
     * or of a shape Strata does not apply, is skipped and counted.
     */
    public static ReadResult read(Path file, Dictionary entities, Dictionary relations) {
        List<Rule> rules = new ArrayList<>();
        int[] unknown = {0};
        int[] unsupported = {0};
        LineReader.forEachLine(file, (text, line) -> {
            String[] f = text.split("\t", -1);
            if (f.length != 4) {
                throw new InputException(file, line, "expected 4 tab-separated fields (predicted, correct, confidence, "
                        + "rule), got " + f.length);
            }
            long predicted;
            long correct;
            try {
                predicted = Long.parseLong(f[0].strip());
                correct = Long.parseLong(f[1].strip());
            } catch (NumberFormatException e) {
                throw new InputException(file, line, "fields 1 and 2 (predicted, correct) must be whole numbers");
            }
            if (correct > predicted || correct < 0) {
                throw new InputException(file, line, "correct (" + correct + ") must be between 0 and predicted ("
                        + predicted + ")");
            }
            try {
                Rule r = parse(f[3].strip(), entities, relations);
                if (r == null) {
                    unknown[0]++;
                } else {
                    rules.add(r.withCounts(predicted, correct));
                }
            } catch (UnsupportedShapeException e) {
                unsupported[0]++;
            } catch (IllegalArgumentException e) {
                throw new InputException(file, line, "field 4 (rule): " + e.getMessage());
            }
        });
        return new ReadResult(rules, unknown[0], unsupported[0]);
    }

    /** A well-formed rule of a shape Strata does not apply. */
    public static final class UnsupportedShapeException extends IllegalArgumentException {
        UnsupportedShapeException(String message) {
            super(message);
        }
    }

    /**
     * Parses a rule's text; {@code null} if it names an unknown relation or entity.
     *
     * @throws UnsupportedShapeException for a well-formed rule Strata does not apply
     * @throws IllegalArgumentException  for text that is not a rule
     */
    public static Rule parse(String rule, Dictionary entities, Dictionary relations) {
        String text = rule.strip();
        if (text.endsWith(" <=") && text.indexOf(" <= ") < 0) {
            return zero(atom(text.substring(0, text.length() - 3).strip()), entities, relations);
        }
        int arrow = text.indexOf(" <= ");
        if (arrow < 0) {
            throw new IllegalArgumentException("expected 'head <= body', got '" + text + "'");
        }
        String[] head = atom(text.substring(0, arrow).strip());
        List<String[]> body = new ArrayList<>();
        String rest = text.substring(arrow + 4).strip();
        int from = 0;
        while (from < rest.length()) {
            int close = rest.indexOf("), ", from);
            int end = close < 0 ? rest.length() : close + 1;
            body.add(atom(rest.substring(from, end).strip()));
            from = close < 0 ? rest.length() : close + 3;
        }
        if (body.size() > 3) {
            throw new UnsupportedShapeException("a body of " + body.size() + " atoms");
        }
        int headRelation = relations.id(head[0]);
        if (headRelation < 0) {
            return null;
        }
        boolean xVar = isVariable(head[1]);
        boolean yVar = isVariable(head[2]);
        String start;
        String end = null;
        int headConstant = Rule.NONE;
        boolean constantIsTail = true;
        if (xVar && yVar && head[1].equals(head[2])) {
            start = head[1];
            headConstant = Rule.SELF;
        } else if (xVar && yVar) {
            start = head[1];
            end = head[2];
        } else if (xVar) {
            start = head[1];
            headConstant = constant(head[2], entities);
        } else if (yVar) {
            start = head[2];
            headConstant = constant(head[1], entities);
            constantIsTail = headConstant == Rule.SELF;
        } else {
            throw new IllegalArgumentException("the head needs at least one variable");
        }
        if (headConstant == Rule.NONE && end == null) {
            return null;
        }
        int n = body.size();
        int[] rels = new int[n];
        boolean[] inverse = new boolean[n];
        String current = start;
        for (int i = 0; i < n; i++) {
            String[] a = body.get(i);
            rels[i] = relations.id(a[0]);
            if (rels[i] < 0) {
                return null;
            }
            if (a[1].equals(current)) {
                current = a[2];
            } else if (a[2].equals(current)) {
                inverse[i] = true;
                current = a[1];
            } else {
                throw new IllegalArgumentException("body atom " + (i + 1) + " does not continue the path from " + current);
            }
        }
        if (end != null) {
            if (!current.equals(end)) {
                throw new IllegalArgumentException("the body path must end at " + end);
            }
            return Rule.cyclic(headRelation, rels, inverse);
        }
        if (n > 2) {
            throw new UnsupportedShapeException("a rule with a head constant and " + n + " body atoms");
        }
        if (isVariable(current)) {
            if (current.equals(start)) {
                throw new UnsupportedShapeException("a body that returns to the head's variable " + start);
            }
            return Rule.acyclic(headRelation, headConstant, constantIsTail, rels, inverse, Rule.NONE);
        }
        if (current.equals(SELF_CONSTANT)) {
            throw new UnsupportedShapeException("a body that returns to the head's variable (" + SELF_CONSTANT + ")");
        }
        int endConstant = entities.id(current);
        return endConstant < 0 ? null : Rule.acyclic(headRelation, headConstant, constantIsTail, rels, inverse, endConstant);
    }

    /** {@code r(X,c) <=}, {@code r(c,Y) <=} or the reflexive {@code r(X,X) <=}; null for an unknown name. */
    private static Rule zero(String[] head, Dictionary entities, Dictionary relations) {
        boolean xVar = isVariable(head[1]);
        boolean yVar = isVariable(head[2]);
        int r = relations.id(head[0]);
        if (xVar && yVar && head[1].equals(head[2])) {
            return r < 0 ? null : Rule.zero(r, Rule.SELF, true);
        }
        if (xVar == yVar) {
            throw new UnsupportedShapeException("an empty body under a head with " + (xVar ? "no constant" : "two"));
        }
        int c = constant(xVar ? head[2] : head[1], entities);
        return r < 0 || c == Rule.NONE ? null : Rule.zero(r, c, xVar || c == Rule.SELF);
    }

    /** A head constant's entity id, {@link Rule#SELF} for {@value #SELF_CONSTANT}, or -1 when unknown. */
    private static int constant(String name, Dictionary entities) {
        return name.equals(SELF_CONSTANT) ? Rule.SELF : entities.id(name);
    }

    private static boolean isVariable(String s) {
        return s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z';
    }

    /** {@code rel(a,b)} into {rel, a, b}; one of the arguments is a variable. */
    private static String[] atom(String s) {
        int open = s.indexOf('(');
        if (open <= 0 || !s.endsWith(")")) {
            throw new IllegalArgumentException("expected relation(a,b), got '" + s + "'");
        }
        String rel = s.substring(0, open);
        String args = s.substring(open + 1, s.length() - 1);
        int comma;
        if (args.length() >= 2 && isVariable(args.substring(0, 1)) && args.charAt(1) == ',') {
            comma = 1;
        } else if (args.length() >= 2 && args.charAt(args.length() - 2) == ',' && isVariable(args.substring(args.length() - 1))) {
            comma = args.length() - 2;
        } else {
            throw new IllegalArgumentException("atom '" + s + "' needs a variable argument");
        }
        return new String[] {rel, args.substring(0, comma), args.substring(comma + 1)};
    }
}
