package org.strata.llm.client;

/** A chat call that failed for good: a 4xx answer, or transient failures past the last attempt. */
public final class LlmCallException extends RuntimeException {

    private final int status;

    public LlmCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or 0 when there was none (timeout, connection refused). */
    public int status() {
        return status;
    }
}
