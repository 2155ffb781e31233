package org.strata.gpu.engine.cuda;

/** A CUDA, NVRTC or cuBLAS call failed; the message names the call and the library's error. */
public final class CudaException extends RuntimeException {

    public CudaException(String message) {
        super(message);
    }
}
