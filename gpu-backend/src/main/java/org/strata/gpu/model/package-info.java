/**
 * Embedding models (ComplEx, DistMult, TransE): their parameters, their kinds and their file format.
 */
package org.strata.gpu.model;
