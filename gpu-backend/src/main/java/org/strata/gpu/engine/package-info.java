/**
 * The engine interface at the bottom of the gradient path: tensors, the kernels every model needs
 * (forward and backward), the row arithmetic both engines and scorers share ({@code Kernels}). It names
 * no implementation; the backend's front package ({@code Engines}) picks one.
 */
package org.strata.gpu.engine;
