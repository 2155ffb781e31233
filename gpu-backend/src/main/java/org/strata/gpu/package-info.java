/**
 * Gradient modules: knowledge-graph embedding models (ComplEx, DistMult, TransE) trained by backprop
 * behind one {@link org.strata.gpu.engine.Engine} interface, with the forward pass's stored activations
 * measured. The CPU engine is in {@code engine.cpu}; a CUDA engine bound through the Foreign Function
 * and Memory API is still to be written. Trained models act as scorers and proposers; they never write
 * the store.
 */
package org.strata.gpu;
