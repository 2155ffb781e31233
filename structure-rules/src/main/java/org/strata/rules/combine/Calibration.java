package org.strata.rules.combine;

import java.util.Arrays;
import java.util.Locale;
import org.strata.rules.model.Rule;

/**
 * How a rule network's starting weights are read from its rules, chosen on validation: the smoothing
 * constant of the confidence and a weight per {@link #classOf class of rule} that multiplies the
 * confidences of that class. Rule classes differ in how
 * far their training confidence carries to unseen facts: on FB15k-237, whose validation and test facts were
 * chosen so that no training fact links the same two entities, rules of length one (a fact restated under
 * another relation) and rules without a body hold far less than their confidence says, and no answer is an
 * entity that a training fact already links to the asking one: the calibration also weighs candidates so
 * linked (the {@code linked} factor of their scores). Many relations are nearly functional on one side:
 * a WordNet synset has one hypernym, so a candidate hyponym that already has a hypernym in the training
 * facts is seldom the answer to {@code (?, hypernym, y)} (the partial-completeness assumption of AMIE: what
 * the graph knows of an entity's place in a relation, it knows whole). The calibration weighs such
 * candidates, those that already fill the answer's place in another fact of the relation, by a factor per
 * relation and direction (the {@code filled} factors). The group decay is
 * not calibrated: the decay that ranks best at the start is not the one the network learns best from
 * (CoDEx-S, seed 1: the search chose 0.3, validation MRR 0.459 at the start but 0.466 learned, against
 * 0.443 and 0.471 with the default 0.7).
 *
 * @param pc           the confidence's smoothing constant: {@code correct / (predicted + pc)}
 * @param classWeights the factor of each rule class's confidences, by {@link #classOf}
 * @param linked       the factor of the score of a candidate that a training fact already links to the asking
 *                     entity (1: as any other)
 * @param filled       per relation and direction ({@code 2 * relation + direction.ordinal()}), the factor of
 *                     the score of a candidate that already fills the answer's place in a training fact of
 *                     the relation; empty (or shorter than a relation's index): 1
 */
public record Calibration(double pc, double[] classWeights, double linked, double[] filled) {

    /** How many rule classes there are. */
    public static final int CLASSES = 8;

    private static final String[] NAMES = {"cyclic/1", "cyclic/2", "cyclic/3+", "constant-end/1", "constant-end/2+",
        "free-end/1", "free-end/2+", "zero"};

    /** A calibration under which linked candidates count as any other. */
    public Calibration(double pc, double[] classWeights) {
        this(pc, classWeights, 1);
    }

    /** A calibration under which candidates that fill the answer's place count as any other. */
    public Calibration(double pc, double[] classWeights, double linked) {
        this(pc, classWeights, linked, new double[0]);
    }

    public Calibration {
        if (!(linked >= 0) || Double.isInfinite(linked)) {
            throw new IllegalArgumentException("the factor of linked candidates must be finite and not negative, got "
                    + linked);
        }
        if (!(pc > 0) || classWeights.length != CLASSES) {
            throw new IllegalArgumentException("pc must be positive and there are " + CLASSES + " class weights, got pc "
                    + pc + " and " + classWeights.length + " weights");
        }
        for (double w : classWeights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("class weights must be finite and not negative, got "
                        + Arrays.toString(classWeights));
            }
        }
        classWeights = classWeights.clone();
        for (double f : filled) {
            if (!(f >= 0) || Double.isInfinite(f)) {
                throw new IllegalArgumentException("the factors of candidates that fill the answer's place must be finite "
                        + "and not negative, got " + Arrays.toString(filled));
            }
        }
        filled = filled.clone();
    }

    /** No calibration: the rules' own confidences at smoothing constant {@code pc}, every class alike. */
    public static Calibration none(double pc) {
        double[] ones = new double[CLASSES];
        Arrays.fill(ones, 1);
        return new Calibration(pc, ones);
    }

    /**
     * The class of a rule: cyclic of length 1, 2, 3 or more; acyclic ending in a constant, of length 1 or
     * more; acyclic ending in a free variable, of length 1 or more; without a body.
     */
    public static int classOf(Rule r) {
        return switch (r.kind()) {
            case CYCLIC -> Math.min(3, r.length()) - 1;
            case CONSTANT_END -> r.length() > 1 ? 4 : 3;
            case FREE_END -> r.length() > 1 ? 6 : 5;
            case ZERO -> 7;
        };
    }

    /** The name of a rule class, as {@link #toString} prints it. */
    public static String className(int c) {
        return NAMES[c];
    }

    /** The confidence this calibration reads from a rule: smoothed, times its class's weight. */
    public double confidence(Rule r) {
        return r.confidence(pc) * classWeights[classOf(r)];
    }

    /** The class weights. */
    @Override
    public double[] classWeights() {
        return classWeights.clone();
    }

    /** The factors of candidates that fill the answer's place, per relation and direction. */
    @Override
    public double[] filled() {
        return filled.clone();
    }

    /** The factor of a candidate that fills the answer's place, at index {@code 2 * relation + direction}. */
    public double filled(int index) {
        return index < filled.length ? filled[index] : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && c.pc == pc && Arrays.equals(c.classWeights, classWeights)
                && c.linked == linked && Arrays.equals(c.filled, filled);
    }

    @Override
    public int hashCode() {
        return ((Double.hashCode(pc) * 31 + Arrays.hashCode(classWeights)) * 31 + Double.hashCode(linked)) * 31
                + Arrays.hashCode(filled);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("pc " + num(pc) + ", linked candidates " + num(linked) + ", class weights");
        for (int c = 0; c < CLASSES; c++) {
            b.append(c == 0 ? " " : ", ").append(NAMES[c]).append(' ').append(num(classWeights[c]));
        }
        int weighed = 0;
        double least = 1;
        for (double f : filled) {
            weighed += f != 1 ? 1 : 0;
            least = Math.min(least, f);
        }
        if (weighed > 0) {
            b.append(", filled places weighed in ").append(weighed).append(" of ").append(filled.length)
                    .append(" relation directions (lowest factor ").append(num(least)).append(')');
        }
        return b.toString();
    }

    private static String num(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
