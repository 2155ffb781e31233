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
        if (dim < 1 || epochs < 0 || batch < 1 || !(lr > 0) || reg < 0 || !(initScale > 0) || evalEvery < 0
                || patience < 0) {
            throw new IllegalArgumentException("invalid training settings: " + this);
        }
    }
}
