/**
 * Agreement checks between engines: every kernel, loss and gradient of one engine against a reference
 * engine on the same random inputs. This is how the CUDA engine is judged against the CPU engine on a GPU
 * machine ({@code strata bench engines}, the CUDA agreement test).
 */
package org.strata.gpu.check;
