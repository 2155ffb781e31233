package org.strata.graph.io;

/** The line formats a triple file can have. */
public enum TripleFormat {
    /** {@code head<TAB>relation<TAB>tail}, one triple a line (the format of the standard KG benchmarks). */
    TSV,
    /** One JSON object a line: {@code {"head": "...", "relation": "...", "tail": "..."}}. */
    JSONL
}
