package org.strata.llm;

import java.nio.file.Path;
import java.time.Duration;
import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;
import org.strata.llm.client.LlmSettings;

/** The options of the LLM bridge: the server, the cache, chunking. */
public final class LlmOptions {

    private LlmOptions() {
    }

    public static final Option<String> LLM_URL = Option.string("llm", "llm-url").label("URL")
            .description("Base URL of an OpenAI-compatible chat-completions server, e.g. http://127.0.0.1:11434/v1")
            .build();

    public static final Option<String> MODEL = Option.string("llm", "model").label("NAME")
            .description("The model name the server knows").build();

    public static final Option<String> API_KEY_ENV = Option.string("llm", "api-key-env").label("VAR")
            .description("The environment variable holding the API key (none: no key is sent)").build();

    public static final Option<String> CACHE = Option.string("llm", "cache").label("DIR")
            .description("Cache responses here: a repeated request costs no call ('none': no cache)").defaultValue("strata-data/llm-cache")
            .build();

    public static final Option<Integer> CONCURRENCY = Option.integer("llm", "concurrency").label("N")
            .description("Most requests in flight at once").defaultValue(4).range(1, 256).build();

    public static final Option<Integer> ATTEMPTS = Option.integer("llm", "attempts").label("N")
            .description("Attempts per request; HTTP 429, 5xx and timeouts are retried with backoff and jitter")
            .defaultValue(4).range(1, 20).build();

    public static final Option<Integer> TIMEOUT = Option.integer("llm", "llm-timeout").label("S")
            .description("Seconds to wait for one answer").defaultValue(120).range(1, 3_600).build();

    public static final Option<Integer> CHUNK = Option.integer("llm", "chunk").label("N")
            .description("Characters per chunk of text").defaultValue(3_000).range(100, 1_000_000).build();

    public static final Option<Integer> OVERLAP = Option.integer("llm", "overlap").label("N")
            .description("Characters two neighbouring chunks share").defaultValue(300).range(0, 500_000).build();

    public static final Option<Boolean> CONTEXT_ONLY = Option.flag("llm", "context-only")
            .description("Print the graph context a question gets, without calling an LLM").build();

    public static final Option<Boolean> NO_EMBEDDINGS = Option.flag("llm", "no-embeddings")
            .description("Resolve entity names without the sentence-embedding stage (all-MiniLM-L6-v2, in-process; "
                    + "it loads in about a second and encodes every known name once)").build();

    public static final Option<Boolean> JUDGE = Option.flag("llm", "judge")
            .description("Let the LLM judge entity matches the embedding stage is unsure of (cosine 0.80 to 0.93, "
                    + "or short names); costs one call each").build();

    /**
     * How to reach the LLM, from typed option values; the API key is read from the environment variable
     * {@link #API_KEY_ENV} names.
     *
     * @throws IllegalArgumentException naming the option when the URL or model is missing, a value is
     *                                  out of range, or the key's variable is not set
     */
    public static LlmSettings settings(OptionValues values) {
        String keyEnv = values.get(API_KEY_ENV);
        String key = null;
        if (keyEnv != null) {
            key = System.getenv(keyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--api-key-env " + keyEnv + ": that environment variable is not set");
            }
        }
        String url = values.get(LLM_URL);
        if (url == null) {
            throw new IllegalArgumentException("--llm-url is required");
        }
        String model = values.get(MODEL);
        if (model == null) {
            throw new IllegalArgumentException("--model is required");
        }
        String cache = values.get(CACHE);
        return new LlmSettings(url, model, key, Duration.ofSeconds(values.get(TIMEOUT)), values.get(ATTEMPTS),
                values.get(CONCURRENCY), cache == null || cache.equals("none") ? null : Path.of(cache));
    }
}
