/**
 * Gradient modules (to be built; see the project's issues): knowledge-graph embedding models trained by
 * backpropagation behind one engine interface, with a CPU engine and a CUDA engine bound through the
 * Foreign Function and Memory API (fenced in {@code org.strata.gpu.cuda}), and memory accounting of the
 * backward pass. Trained models act as proposers; they never write the store.
 */
package org.strata.gpu;
