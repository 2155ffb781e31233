/**
 * The CUDA engine, bound through the Foreign Function and Memory API (the only package that uses it):
 * the driver API, NVRTC-compiled kernels, cuBLAS. It says clearly when no driver or GPU is there.
 */
package org.strata.gpu.engine.cuda;
