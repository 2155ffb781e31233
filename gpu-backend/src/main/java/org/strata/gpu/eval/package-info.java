/**
 * A trained embedding model as a link-prediction scorer for the shared evaluation protocol.
 */
package org.strata.gpu.eval;
