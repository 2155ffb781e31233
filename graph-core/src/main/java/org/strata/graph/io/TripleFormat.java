package org.strata.graph.io;

/** The line formats a triple file can have. */
public enum TripleFormat {
    /** {@code head<TAB>relation<TAB>tail}, one triple a line (the format of the standard KG benchmarks). */
    TSV,
    /** One JSON object a line: {@code {"head": "...", "relation": "...", "tail": "..."}}. */
    JSONL,
    /**
     * Entity and relationship records, one JSON object a line (the shape of GraphRAG's bring-your-own
     * graph and LangChain's GraphDocument); not triples: {@code strata import} sends them through the
     * governance gate (see the LLM bridge).
     */
    GRAPHDOC
}
