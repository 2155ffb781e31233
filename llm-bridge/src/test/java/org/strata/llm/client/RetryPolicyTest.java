package org.strata.llm.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures the client retries, and how long it waits between attempts. */
class RetryPolicyTest {

    @Test
    void rateLimitsAndServerErrorsAreTransient_otherClientErrorsAreNot() {
        RuntimeException e = new RuntimeException("x");
        assertTrue(LlmClient.isTransient(e, 429));
        assertTrue(LlmClient.isTransient(e, 500));
        assertTrue(LlmClient.isTransient(e, 503));
        assertFalse(LlmClient.isTransient(e, 400));
        assertFalse(LlmClient.isTransient(e, 401));
        assertFalse(LlmClient.isTransient(e, 404));
        assertTrue(LlmClient.isTransient(new RuntimeException(new ConnectException("refused")), 0));
        assertTrue(LlmClient.isTransient(new RuntimeException(new HttpTimeoutException("timed out")), 0));
    }

    @Test
    void backoff_doublesFromItsBase_withJitterOfHalf_andIsCapped() {
        LlmClient c = new LlmClient(new LlmSettings("http://127.0.0.1:9/v1", "m", null, Duration.ofSeconds(1), 5, 1,
                (Path) null));
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = Math.min(LlmClient.MAX_BACKOFF_MS, LlmClient.BASE_BACKOFF_MS << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long b = c.backoff(attempt);
                assertTrue(b >= base / 2 && b <= base * 3 / 2, "attempt " + attempt + ": " + b + " ms, base " + base);
            }
        }
        long capped = c.backoff(30);
        assertTrue(capped <= LlmClient.MAX_BACKOFF_MS * 3 / 2, "capped: " + capped);
    }
}
