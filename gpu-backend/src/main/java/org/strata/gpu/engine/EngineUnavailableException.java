package org.strata.gpu.engine;

/** The engine asked for cannot run on this machine; the message says why and what to do. */
public final class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
