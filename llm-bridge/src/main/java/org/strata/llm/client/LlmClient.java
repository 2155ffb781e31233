package org.strata.llm.client;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.concurrent.Semaphore;

/**
 * Chat completions with a JSON schema from any OpenAI-compatible server, through LangChain4j. Adds what
 * a pipeline needs around the model: a disk cache (a repeated request costs no call; only answers that
 * pass the caller's check are kept, so a bad answer is asked again next time), a cap on requests
 * in flight, retries with exponential backoff and jitter for transient failures (HTTP 429, 5xx,
 * timeouts, refused connections) and none for permanent ones (other 4xx), and token counts.
 *
 * <p>Thread-safe.
 */
public final class LlmClient {

    /** First retry delay; doubles per attempt up to {@link #MAX_BACKOFF_MS}, with ±50 % jitter. */
    static final long BASE_BACKOFF_MS = 400;
    static final long MAX_BACKOFF_MS = 8_000;

    private final LlmSettings settings;
    private final OpenAiChatModel model;
    private final ResponseCache cache;
    private final Semaphore inFlight;
    private final Usage usage = new Usage();
    private final Random jitter = new Random();

    public LlmClient(LlmSettings settings) {
        this.settings = settings;
        this.model = OpenAiChatModel.builder().baseUrl(settings.baseUrl()).modelName(settings.model())
                .apiKey(settings.apiKey() == null ? "not-needed" : settings.apiKey()).timeout(settings.timeout())
                .maxRetries(0).strictJsonSchema(true).temperature(0.0)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).build();
        this.cache = settings.cacheDir() == null ? null : new ResponseCache(settings.cacheDir());
        this.inFlight = new Semaphore(settings.concurrency());
    }

    public Usage usage() {
        return usage;
    }

    public LlmSettings settings() {
        return settings;
    }

    /**
     * The model's answer to {@code system} + {@code user}, constrained to {@code schema}; from the cache
     * when the same request was answered before with an answer that passed {@code check}. An answer is
     * cached only when {@code check} finds no problem with it, so an answer that does not fit is asked
     * for again on the next run rather than read back.
     *
     * @param stage      what the request is for ("extract", "repair", "judge", "answer"): tokens are counted per stage
     * @param schemaText the schema as text, part of the cache key
     * @param check      the answer's problems (empty when it is usable): the caller's full check
     * @throws LlmCallException when the call fails for good
     */
    public String chatJson(String stage, String system, String user, AnswerSchema.Named schema, String schemaText,
                           Function<String, List<String>> check) {
        String key = ResponseCache.key(settings.model(), system, user, schemaText);
        if (cache != null) {
            String hit = cache.get(key);
            if (hit != null && check.apply(hit).isEmpty()) {
                usage.cacheHit(stage);
                return hit;
            }
        }
        ChatRequest request = ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(toJsonSchema(schema))
                        .build())
                .build();
        String answer = call(stage, request);
        if (cache != null && check.apply(answer).isEmpty()) {
            cache.put(key, answer);
        }
        return answer;
    }

    /** Our schema as LangChain4j sends it: every field required, no others allowed. */
    static JsonSchema toJsonSchema(AnswerSchema.Named schema) {
        return JsonSchema.builder().name(schema.name()).rootElement(element(schema.root())).build();
    }

    private static JsonSchemaElement element(AnswerSchema s) {
        return switch (s) {
            case AnswerSchema.Text t -> JsonStringSchema.builder().description(t.description()).build();
            case AnswerSchema.Flag f -> JsonBooleanSchema.builder().description(f.description()).build();
            case AnswerSchema.ListOf l -> JsonArraySchema.builder().items(element(l.items())).build();
            case AnswerSchema.Fields o -> {
                JsonObjectSchema.Builder b = JsonObjectSchema.builder();
                for (Map.Entry<String, AnswerSchema> e : o.fields().entrySet()) {
                    b.addProperty(e.getKey(), element(e.getValue()));
                }
                yield b.required(List.copyOf(o.fields().keySet())).additionalProperties(false).build();
            }
        };
    }

    private String call(String stage, ChatRequest request) {
        for (int attempt = 1; ; attempt++) {
            int status = 0;
            RuntimeException failure;
            try {
                inFlight.acquire();
                try {
                    ChatResponse r = model.chat(request);
                    TokenUsage t = r.tokenUsage();
                    usage.call(stage, t == null || t.inputTokenCount() == null ? 0 : t.inputTokenCount(),
                            t == null || t.outputTokenCount() == null ? 0 : t.outputTokenCount());
                    String text = r.aiMessage() == null ? null : r.aiMessage().text();
                    if (text == null) {
                        throw new LlmCallException("the model returned no text", 200, null);
                    }
                    return text;
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmCallException("interrupted while waiting for the LLM server", 0, e);
            } catch (LlmCallException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = e;
                status = statusOf(e);
            }
            boolean transientFailure = isTransient(failure, status);
            if (!transientFailure || attempt >= settings.maxAttempts()) {
                throw new LlmCallException((transientFailure ? "gave up after " + attempt + " attempts: " : "")
                        + describe(failure, status), status, failure);
            }
            usage.retry(stage);
            sleep(backoff(attempt));
        }
    }

    /** The HTTP status behind a LangChain4j failure, or 0. */
    static int statusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return h.statusCode();
            }
        }
        return 0;
    }

    /** 429, 5xx, timeouts and connection failures are worth retrying; other 4xx are not. */
    static boolean isTransient(Throwable e, int status) {
        if (status == 429 || status >= 500) {
            return true;
        }
        if (status >= 400) {
            return false;
        }
        if (e instanceof NonRetriableException) {
            return false;
        }
        return e instanceof RetriableException || !(e instanceof LangChain4jException) || e.getCause() != null;
    }

    private String describe(Throwable e, int status) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        return (status > 0 ? "HTTP " + status + " from " : "no answer from ") + settings.baseUrl() + " (model "
                + settings.model() + "): " + what;
    }

    long backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(20, attempt - 1));
        double factor;
        synchronized (jitter) {
            factor = 0.5 + jitter.nextDouble();
        }
        return (long) (base * factor);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmCallException("interrupted during a retry pause", 0, e);
        }
    }
}
