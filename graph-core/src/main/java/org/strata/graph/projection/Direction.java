package org.strata.graph.projection;

/** Which way an edge is followed: from head to tail ({@code OUT}) or from tail to head ({@code IN}). */
public enum Direction {
    OUT, IN;

    public Direction opposite() {
        return this == OUT ? IN : OUT;
    }
}
