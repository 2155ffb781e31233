package org.strata.rules.combine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.strata.rules.model.Rule;

/**
 * How a rule network's starting weights are read from its rules, chosen on validation: the smoothing
 * constant of the confidence and a weight per {@link #classOf class of rule} that multiplies the
 * confidences of that class. Rule classes differ in how
 * far their training confidence carries to unseen facts: on FB15k-237, whose validation and test facts were
 * chosen so that no training fact links the same two entities, rules of length one (a fact restated under
 * another relation) and rules without a body hold far less than their confidence says. The group decay is
 * not calibrated: the decay that ranks best at the start is not the one the network learns best from
 * (CoDEx-S, seed 1: the search chose 0.3, validation MRR 0.459 at the start but 0.466 learned, against
 * 0.443 and 0.471 with the default 0.7). A query relation with enough validation queries of its own may
 * carry its own smoothing constant and class weights, which then read its rules instead.
 *
 * @param pc           the confidence's smoothing constant: {@code correct / (predicted + pc)}
 * @param classWeights the factor of each rule class's confidences, by {@link #classOf}
 * @param relations    the query relations calibrated on their own, by relation index (themselves without such)
 */
public record Calibration(double pc, double[] classWeights, Map<Integer, Calibration> relations) {

    /** How many rule classes there are. */
    public static final int CLASSES = 8;

    private static final String[] NAMES = {"cyclic/1", "cyclic/2", "cyclic/3+", "constant-end/1", "constant-end/2+",
        "free-end/1", "free-end/2+", "zero"};

    public Calibration {
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
        for (Calibration c : relations.values()) {
            if (!c.relations.isEmpty()) {
                throw new IllegalArgumentException("a relation's own calibration holds no relations of its own");
            }
        }
        relations = java.util.Collections.unmodifiableMap(new TreeMap<>(relations));
    }

    /** One calibration for every relation. */
    public Calibration(double pc, double[] classWeights) {
        this(pc, classWeights, Map.of());
    }

    /** This calibration with {@code own} as the calibrations of some relations (it replaces any it had). */
    public Calibration withRelations(Map<Integer, Calibration> own) {
        return new Calibration(pc, classWeights, own);
    }

    /** The calibration that reads the rules of query relation {@code relation}. */
    public Calibration forRelation(int relation) {
        return relations.getOrDefault(relation, this);
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
        Calibration own = relations.get(r.head());
        if (own != null) {
            return own.confidence(r);
        }
        return r.confidence(pc) * classWeights[classOf(r)];
    }

    /** The class weights. */
    @Override
    public double[] classWeights() {
        return classWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && c.pc == pc && Arrays.equals(c.classWeights, classWeights)
                && c.relations.equals(relations);
    }

    @Override
    public int hashCode() {
        return (Double.hashCode(pc) * 31 + Arrays.hashCode(classWeights)) * 31 + relations.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("pc " + num(pc) + ", class weights");
        for (int c = 0; c < CLASSES; c++) {
            b.append(c == 0 ? " " : ", ").append(NAMES[c]).append(' ').append(num(classWeights[c]));
        }
        if (!relations.isEmpty()) {
            b.append("; ").append(relations.size()).append(relations.size() == 1 ? " relation calibrated on its own"
                    : " relations calibrated on their own");
        }
        return b.toString();
    }

    private static String num(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
