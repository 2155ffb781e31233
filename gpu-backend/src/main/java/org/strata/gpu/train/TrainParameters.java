package org.strata.gpu.train;

import org.strata.gpu.model.ModelKind;

/**
 * The settings of one training run.
 *
 * @param model     the model
 * @param dim       embedding dimension (complex numbers for ComplEx)
 * @param epochs    most epochs to run
 * @param batch     queries per mini-batch (each training fact gives a tail and a reciprocal head query)
 * @param lr        learning rate
 * @param reg       N3 regularisation weight
 * @param optimizer Adagrad or Adam
 * @param initScale standard deviation of the initial parameters
 * @param seed      seeds initialisation and batch order
 * @param evalEvery validate every this many epochs (0: never, keep the last epoch)
 * @param patience  stop after this many validations without a better MRR (0: never stop early)
 */
public record TrainParameters(ModelKind model, int dim, int epochs, int batch, double lr, double reg,
                              Optimizer optimizer, double initScale, long seed, int evalEvery, int patience) {

    public TrainParameters {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be at least 1, got " + dim);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be positive, got " + lr);
        }
        if (reg < 0) {
            throw new IllegalArgumentException("reg must be at least 0, got " + reg);
        }
        if (!(initScale > 0)) {
            throw new IllegalArgumentException("initScale must be positive, got " + initScale);
        }
        if (evalEvery < 0 || patience < 0) {
            throw new IllegalArgumentException("evalEvery and patience must be at least 0, got " + evalEvery + " and "
                    + patience);
        }
    }
}
