package org.strata.gpu.train;

import java.util.List;
import org.strata.gpu.model.EmbeddingModel;

/**
 * The outcome of training.
 *
 * @param model           the kept parameters: the best validated epoch, else the last
 * @param epochs          every epoch run
 * @param activationBytes bytes the forward pass stores for the backward pass to read, per batch
 * @param peakEngineBytes the most bytes of tensors the engine held at once
 * @param stoppedEarly    whether early stopping ended the run
 * @param stoppedByRequest whether the termination flag (a time limit, or a request to stop) ended it
 */
public record TrainResult(EmbeddingModel model, List<EpochReport> epochs, long activationBytes, long peakEngineBytes,
                          boolean stoppedEarly, boolean stoppedByRequest) {

    public TrainResult {
        epochs = List.copyOf(epochs);
    }
}
