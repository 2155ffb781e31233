/**
 * Serving a store over Gremlin: the in-process TinkerPop Gremlin Server, its request guard and
 * verification strategy. Script sandboxing is in {@code sandbox}, authentication in {@code auth}.
 */
package org.strata.graph.server;
