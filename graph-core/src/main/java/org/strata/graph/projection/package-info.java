/**
 * Dense-id, array-backed views of facts for analytics: dictionaries, the {@code Projection} (CSR
 * adjacency per relation in both directions) and the train/valid/test {@code Dataset}.
 */
package org.strata.graph.projection;
