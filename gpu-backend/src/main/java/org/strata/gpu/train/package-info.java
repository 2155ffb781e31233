/**
 * Training by backprop: the forward and backward pass over an engine, the optimizers, early stopping
 * on validation MRR, and what each epoch measured (time, loss, activation memory).
 */
package org.strata.gpu.train;
