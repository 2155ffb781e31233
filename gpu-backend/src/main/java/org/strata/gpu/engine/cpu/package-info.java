/**
 * The CPU engine: every kernel in plain Java over float arrays, parallel over rows; the reference the
 * CUDA engine is checked against.
 */
package org.strata.gpu.engine.cpu;
