package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.llm.client.AnswerSchema;
import org.strata.llm.client.LlmCallException;
import org.strata.llm.client.LlmClient;
import org.strata.llm.client.LlmSettings;

/**
 * The LLM client against a loopback OpenAI-compatible server that fails as real ones do: 5xx answers,
 * a server slower than the timeout, a refused connection, the attempt limit; and its cache, which keeps
 * only answers that pass the caller's check.
 */
class LlmClientFailuresTest {

    private static final AnswerSchema.Named SCHEMA = new AnswerSchema.Named("strata_test",
            AnswerSchema.object("answer", AnswerSchema.text("the answer")));
    private static final String GOOD = "{\"answer\": \"yes\"}";
    private static final String BAD = "{\"wrong\": 1}";
    /** The caller's check: an object with a string {@code answer}. */
    private static final Function<String, List<String>> CHECK = a -> a.contains("\"answer\"") ? List.of()
            : List.of("$.answer: required");

    @TempDir
    Path dir;

    private static LlmClient client(String url, int attempts, Duration timeout, Path cache) {
        return new LlmClient(new LlmSettings(url, "test-model", null, timeout, attempts, 2, cache));
    }

    private static String ask(LlmClient c) {
        return c.chatJson("test", "system", "user", SCHEMA, "strata_test v1", CHECK);
    }

    @Test
    void anAnswerThatFailsTheCheck_isNotCached_soTheNextRunAsksAgain() throws Exception {
        Path cache = dir.resolve("cache");
        try (OpenAiStub stub = new OpenAiStub(r -> OpenAiStub.Answer.ok(BAD))) {
            assertEquals(BAD, ask(client(stub.baseUrl(), 1, Duration.ofSeconds(10), cache)));
            assertEquals(1, stub.requests().size());
            stub.answers(r -> OpenAiStub.Answer.ok(GOOD));
            LlmClient second = client(stub.baseUrl(), 1, Duration.ofSeconds(10), cache);
            assertEquals(GOOD, ask(second), "the bad answer was not read back from the cache");
            assertEquals(2, stub.requests().size());
            assertEquals(0, second.usage().cacheHits());
            LlmClient third = client(stub.baseUrl(), 1, Duration.ofSeconds(10), cache);
            assertEquals(GOOD, ask(third));
            assertEquals(2, stub.requests().size(), "a good answer is cached: no third request");
            assertEquals(1, third.usage().cacheHits());
        }
    }

    @Test
    void serverErrors_areRetriedWithBackoff_untilAnAnswer() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (OpenAiStub stub = new OpenAiStub(r -> n.getAndIncrement() < 2
                ? OpenAiStub.Answer.error(n.get() == 1 ? 500 : 503, "overloaded") : OpenAiStub.Answer.ok(GOOD))) {
            LlmClient c = client(stub.baseUrl(), 3, Duration.ofSeconds(10), null);
            long start = System.nanoTime();
            assertEquals(GOOD, ask(c));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(3, stub.requests().size());
            assertEquals(2, c.usage().retries());
            // two pauses: at least half of 400 ms and half of 800 ms (jitter is ±50 %)
            assertTrue(seconds >= 0.6, "backed off between attempts: " + seconds + " s");
        }
    }

    @Test
    void theAttemptLimit_endsTheCall_withTheStatus() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(r -> OpenAiStub.Answer.error(502, "bad gateway"))) {
            LlmCallException e = assertThrows(LlmCallException.class,
                    () -> ask(client(stub.baseUrl(), 2, Duration.ofSeconds(10), null)));
            assertEquals(2, stub.requests().size(), "exactly the attempts allowed");
            assertTrue(e.getMessage().contains("gave up after 2 attempts") && e.getMessage().contains("HTTP 502"),
                    e.getMessage());
        }
    }

    @Test
    void aServerSlowerThanTheTimeout_isRetried() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (OpenAiStub stub = new OpenAiStub(r -> n.getAndIncrement() == 0 ? OpenAiStub.Answer.slow(3_000, GOOD)
                : OpenAiStub.Answer.ok(GOOD))) {
            LlmClient c = client(stub.baseUrl(), 2, Duration.ofSeconds(1), null);
            assertEquals(GOOD, ask(c));
            assertEquals(2, stub.requests().size(), "the timed-out request and its retry");
            assertEquals(1, c.usage().retries());
        }
    }

    @Test
    void aRefusedConnection_isTransient_andEndsAtTheAttemptLimit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LlmClient c = client("http://127.0.0.1:" + port + "/v1", 2, Duration.ofSeconds(5), null);
        LlmCallException e = assertThrows(LlmCallException.class, () -> ask(c));
        assertEquals(1, c.usage().retries(), "one retry: two attempts");
        assertTrue(e.getMessage().contains("gave up after 2 attempts") && e.getMessage().contains("no answer from"),
                e.getMessage());
    }

    @Test
    void aPermanentRefusal_isNotRetried() throws IOException {
        try (OpenAiStub stub = new OpenAiStub(r -> OpenAiStub.Answer.error(400, "model not found"))) {
            LlmCallException e = assertThrows(LlmCallException.class,
                    () -> ask(client(stub.baseUrl(), 3, Duration.ofSeconds(10), null)));
            assertEquals(1, stub.requests().size());
            assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        }
    }
}
