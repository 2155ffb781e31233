package org.strata.rules.learn;

/** The kinds of path the learner samples; each yields its own kind of rule. */
enum PathType {
    /** Cyclic paths of 1, 2 and 3 atoms: {@code r(X,Y) <= path(X..Y)}. */
    CYCLIC_1(1, true), CYCLIC_2(2, true), CYCLIC_3(3, true),
    /** Acyclic paths of 1 and 2 atoms: rules that keep the head constant, the path end a constant or free. */
    ACYCLIC_1(1, false), ACYCLIC_2(2, false);

    final int length;
    final boolean cyclic;

    PathType(int length, boolean cyclic) {
        this.length = length;
        this.cyclic = cyclic;
    }
}
