package org.strata.llm.client;

import java.util.List;

/**
 * Turns names into sentence embeddings of unit length, so that a dot product is their cosine
 * similarity. The resolver's semantic stage uses one; {@link MiniLmEncoder} is the in-process default.
 */
public interface NameEncoder {

    /** One unit-length vector per text, in order. */
    float[][] encode(List<String> texts);

    /** A short description for reports ("all-MiniLM-L6-v2 (quantised, ONNX, in-process)"). */
    String description();
}
