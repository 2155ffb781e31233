/**
 * Serving a store over Gremlin: the in-process TinkerPop Gremlin Server and what stands between it and a
 * hostile client: the request guard (timeouts, lambdas, steps, strategies, sessions, values), the origin
 * guard (browser pages), the verification strategies (no file or OLAP steps, linear-time regexes, budget
 * checks) and the graph manager that brackets each request. Script sandboxing is in {@code sandbox},
 * authentication in {@code auth}, time and memory budgets in {@code budget}; governed writes are the
 * store's own ({@code GraphStore.clientWriteMode}).
 */
package org.strata.graph.server;
