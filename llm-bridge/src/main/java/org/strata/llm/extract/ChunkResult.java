package org.strata.llm.extract;

/**
 * The outcome of one chunk: its extraction, or why it failed for good (nothing is written for it).
 *
 * @param file       the document
 * @param chunk      the chunk and its character span
 * @param extraction what was extracted, or null when it failed
 * @param error      why it failed, or null
 * @param repaired   whether the first answer broke the schema and the repair round fixed it
 */
public record ChunkResult(String file, Chunker.Chunk chunk, Extraction extraction, String error, boolean repaired) {

    public boolean failed() {
        return extraction == null;
    }

    /** Provenance of what came from this chunk: file, chunk, character span. */
    public String where() {
        return file + "#chunk" + chunk.index() + "[" + chunk.start() + "," + chunk.end() + ")";
    }
}
