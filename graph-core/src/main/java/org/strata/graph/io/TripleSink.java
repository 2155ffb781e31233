package org.strata.graph.io;

/** Receives the triples of a file, with the 1-based line each came from. */
@FunctionalInterface
public interface TripleSink {
    void accept(String head, String relation, String tail, long line);
}
