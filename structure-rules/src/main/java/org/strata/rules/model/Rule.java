package org.strata.rules.model;

/**
 * A rule in the language of AnyBURL: a head atom over a relation and a body that is a path of 1 to 3
 * atoms starting at the head's variable, or no body at all.
 *
 * <ul>
 *   <li>{@link Kind#CYCLIC}: {@code r(X,Y) <= b1(X,A), b2(A,Y)}: the path runs from X to Y.</li>
 *   <li>{@link Kind#CONSTANT_END}: {@code r(X,c) <= b1(X,A), b2(A,d)}: the head keeps a constant, the path
 *       from X ends in a constant.</li>
 *   <li>{@link Kind#FREE_END}: {@code r(X,c) <= b1(X,A)}: the head keeps a constant, the path ends in a
 *       variable that occurs nowhere else.</li>
 *   <li>{@link Kind#ZERO}: {@code r(X,c) <=}: an empty body (AnyBURL's zero rule). Asked for the tails of
 *       r, answer c: the share of r's subjects that have c as a tail, a prior that ranks the answers no
 *       rule with a body reaches and breaks their remaining ties.</li>
 * </ul>
 * A rule with a head constant either keeps it as the tail ({@code r(X,c)}, the path starts at X) or as
 * the head ({@code r(c,Y)}, the path starts at Y). The head constant may be {@link #SELF}: a reflexive
 * rule {@code r(X,X) <= b1(X,A)} (or with an empty body, {@code r(X,X) <=}) predicts that X stands in r to
 * itself, which object identity keeps every other rule from predicting; AnyBURL writes the same rules
 * with the constant {@code me_myself_i} (its REWRITE_REFLEXIV setting). Atom {@code i} of the body joins path variables
 * {@code V(i-1)} and {@code V(i)}, where {@code V0} is the head's variable; it is {@code b(Vi-1, Vi)} when
 * not {@link #inverse(int) inverse}, {@code b(Vi, Vi-1)} otherwise.
 *
 * <p>Variables are read under object identity: distinct variables bind distinct entities, and no
 * variable binds a constant of the rule. Immutable; equal rules have equal {@link #key() keys}.
 */
public final class Rule {

    /** The shapes of rule. */
    public enum Kind { CYCLIC, CONSTANT_END, FREE_END, ZERO }

    /** The head "constant" of a reflexive rule {@code r(X,X)}: the head's variable itself. */
    public static final int SELF = -2;
    /** No constant (a cyclic rule's head, a path that ends in a variable). */
    public static final int NONE = -1;

    private final Kind kind;
    private final int head;
    private final int headConstant;
    private final boolean constantIsTail;
    private final int[] relations;
    private final boolean[] inverse;
    private final int endConstant;
    private final long predicted;
    private final long correct;

    private Rule(Kind kind, int head, int headConstant, boolean constantIsTail, int[] relations, boolean[] inverse,
                 int endConstant, long predicted, long correct) {
        if (relations.length != inverse.length || relations.length > 3
                || relations.length == 0 != (kind == Kind.ZERO)) {
            throw new IllegalArgumentException(kind == Kind.ZERO ? "a zero rule has no body atoms"
                    : "a rule body has 1 to 3 atoms, got " + relations.length);
        }
        if (kind != Kind.CYCLIC && relations.length > 2) {
            throw new IllegalArgumentException("a rule with a head constant has at most 2 body atoms, got "
                    + relations.length);
        }
        if ((kind == Kind.CYCLIC) != (headConstant == NONE) || headConstant < SELF) {
            throw new IllegalArgumentException("only rules with a head constant may be acyclic");
        }
        if (headConstant == SELF && !constantIsTail) {
            throw new IllegalArgumentException("a reflexive rule is written r(X,X): constantIsTail must be true");
        }
        if ((kind == Kind.CONSTANT_END) != (endConstant >= 0)) {
            throw new IllegalArgumentException("only CONSTANT_END rules end in a constant");
        }
        this.kind = kind;
        this.head = head;
        this.headConstant = headConstant;
        this.constantIsTail = constantIsTail;
        this.relations = relations;
        this.inverse = inverse;
        this.endConstant = endConstant;
        this.predicted = predicted;
        this.correct = correct;
    }

    /** {@code head(X,Y) <= path from X to Y}. */
    public static Rule cyclic(int head, int[] relations, boolean[] inverse) {
        return new Rule(Kind.CYCLIC, head, -1, true, relations.clone(), inverse.clone(), -1, 0, 0);
    }

    /**
     * A rule with a head constant: {@code head(X,c)} when {@code constantIsTail}, else {@code head(c,Y)};
     * the path starts at the head's variable and ends in {@code endConstant}, or in a free variable when
     * {@code endConstant} is -1. With {@code headConstant} {@link #SELF} (and {@code constantIsTail}) it is
     * the reflexive {@code head(X,X) <= path(X..)}.
     */
    public static Rule acyclic(int head, int headConstant, boolean constantIsTail, int[] relations, boolean[] inverse,
                               int endConstant) {
        if (headConstant < SELF || headConstant == NONE) {
            throw new IllegalArgumentException("an acyclic rule needs a head constant, got " + headConstant);
        }
        return new Rule(endConstant >= 0 ? Kind.CONSTANT_END : Kind.FREE_END, head, headConstant, constantIsTail,
                relations.clone(), inverse.clone(), endConstant, 0, 0);
    }

    /**
     * A rule with an empty body: {@code head(X,c) <=} when {@code constantIsTail}, else {@code head(c,Y) <=};
     * it answers c to every query of the head relation that asks for that side. With {@code constant}
     * {@link #SELF}, {@code head(X,X) <=} answers every query of the relation with its own entity.
     */
    public static Rule zero(int head, int constant, boolean constantIsTail) {
        if (constant < SELF || constant == NONE) {
            throw new IllegalArgumentException("a zero rule needs a head constant, got " + constant);
        }
        return new Rule(Kind.ZERO, head, constant, constantIsTail, new int[0], new boolean[0], -1, 0, 0);
    }

    /** The same rule with measured counts. */
    public Rule withCounts(long predicted, long correct) {
        if (predicted < 0 || correct < 0 || correct > predicted) {
            throw new IllegalArgumentException("need 0 <= correct <= predicted, got " + correct + " of " + predicted);
        }
        return new Rule(kind, head, headConstant, constantIsTail, relations, inverse, endConstant, predicted, correct);
    }

    public Kind kind() {
        return kind;
    }

    /** The head relation. */
    public int head() {
        return head;
    }

    /** The head's constant, {@link #SELF} for a reflexive rule, or {@link #NONE} for a cyclic rule. */
    public int headConstant() {
        return headConstant;
    }

    /** Whether the rule is reflexive, {@code r(X,X) <= ...}: it predicts an entity's relation to itself. */
    public boolean reflexive() {
        return headConstant == SELF;
    }

    /** For a rule with a head constant: whether it is the tail ({@code r(X,c)}) rather than the head. */
    public boolean constantIsTail() {
        return constantIsTail;
    }

    /** The number of body atoms (0 for a {@link Kind#ZERO} rule). */
    public int length() {
        return relations.length;
    }

    /** The relation of body atom {@code i} (0-based, in path order from the head's variable). */
    public int relation(int i) {
        return relations[i];
    }

    /** Whether body atom {@code i} points back along the path: {@code b(Vi, Vi-1)}. */
    public boolean inverse(int i) {
        return inverse[i];
    }

    /** The constant the body path ends in, or -1. */
    public int endConstant() {
        return endConstant;
    }

    /** Body groundings counted when the rule was measured: its predictions. */
    public long predicted() {
        return predicted;
    }

    /** Predictions that are training facts. */
    public long correct() {
        return correct;
    }

    /** The confidence with a smoothing constant: {@code correct / (predicted + pc)}. */
    public double confidence(double pc) {
        return predicted == 0 ? 0 : correct / (predicted + pc);
    }

    /**
     * The confidence had one of its correct predictions not been counted (a fact left out of the rule's
     * own measurement): {@code (correct - 1) / (predicted + pc)}, 0 when that fact was its only support.
     */
    public double confidenceWithoutOne(double pc) {
        return predicted == 0 || correct <= 1 ? 0 : (correct - 1) / (predicted + pc);
    }

    /** The largest relation id a rule can hold (keys pack four relation ids into one long). */
    public static final int MAX_RELATION = (1 << 14) - 1;

    /** Identifies the rule's logical content, without its counts; cheap to hash. */
    public Key key() {
        long shape = kind.ordinal();
        shape = shape << 1 | (constantIsTail ? 1 : 0);
        shape = shape << 2 | relations.length;
        for (int i = 0; i < 3; i++) {
            shape = shape << 1 | (i < inverse.length && inverse[i] ? 1 : 0);
        }
        shape = shape << 14 | checkRelation(head);
        for (int i = 0; i < 3; i++) {
            shape = shape << 14 | (i < relations.length ? checkRelation(relations[i]) : 0);
        }
        return new Key(shape, headConstant, endConstant);
    }

    private static int checkRelation(int r) {
        if (r < 0 || r > MAX_RELATION) {
            throw new IllegalArgumentException("relation id must be between 0 and " + MAX_RELATION + ", got " + r);
        }
        return r;
    }

    /**
     * The logical content of a rule, packed: kind, direction bits, length and the relation ids in
     * {@code shape}, and the two constants (or -1).
     */
    public record Key(long shape, int headConstant, int endConstant) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule r && key().equals(r.key()) && predicted == r.predicted && correct == r.correct;
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return key() + " " + correct + "/" + predicted;
    }
}
