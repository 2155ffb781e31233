package org.strata.llm.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach an OpenAI-compatible chat-completions server.
 *
 * @param baseUrl     the server's base URL, e.g. {@code http://127.0.0.1:11434/v1}
 * @param model       the model name the server knows
 * @param apiKey      the API key (from the environment variable the user names), or null
 * @param timeout     per request
 * @param maxAttempts attempts per request, counting the first (transient failures are retried)
 * @param concurrency most requests in flight at once
 * @param cacheDir    where responses are cached, or null for no cache
 */
public record LlmSettings(String baseUrl, String model, String apiKey, Duration timeout, int maxAttempts,
                          int concurrency, Path cacheDir) {

    public LlmSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("--llm-url is required");
        }
        URI u = URI.create(baseUrl);
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("--llm-url " + baseUrl + " is not an http(s) URL");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model is required");
        }
        if (maxAttempts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("attempts and concurrency must be at least 1");
        }
    }
}
