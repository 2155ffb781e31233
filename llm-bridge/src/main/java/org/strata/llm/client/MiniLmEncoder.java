package org.strata.llm.client;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised), run in-process by ONNX Runtime through
 * LangChain4j; the model ships inside a Maven Central jar, so nothing is downloaded. The tokenizer
 * library (DJL) would report usage to AWS when it runs on EC2; that is switched off here
 * ({@code OPT_OUT_TRACKING}, {@code offline}) before the model loads, so nothing reaches the network.
 *
 * <p>Loading takes about half a second; encoding costs about 1 ms per short name on 2 cores.
 */
public final class MiniLmEncoder implements NameEncoder {

    private static final int BATCH = 256;
    private final EmbeddingModel model;

    public MiniLmEncoder() {
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
                batch.add(TextSegment.from(t));
            }
            List<Embedding> vectors = model.embedAll(batch).content();
            for (int i = 0; i < vectors.size(); i++) {
                out[from + i] = unit(vectors.get(i).vector());
            }
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * (double) x;
        }
        float inv = n == 0 ? 0f : (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public String description() {
        return "all-MiniLM-L6-v2 (quantised, ONNX Runtime, in-process)";
    }
}
