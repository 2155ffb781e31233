/**
 * The store as the rest of Strata sees it: open a store, import with provenance, project, list and undo
 * deltas. The implementation lives in {@code org.strata.graph.janus}.
 */
package org.strata.graph.store;
