/**
 * Gradient modules: knowledge-graph embedding models (ComplEx, DistMult, TransE) trained by backprop
 * behind one {@link org.strata.gpu.engine.Engine} interface, with the forward pass's stored activations
 * measured. This package is the backend's front: its options, the engine choice ({@code Engines}: CPU,
 * or CUDA through the Foreign Function and Memory API) and the training job. Trained models act as scorers
 * and proposers; they never write the store.
 */
package org.strata.gpu;
