/**
 * What one Gremlin request may use beyond time: a memory budget per request, enforced by a watchdog over
 * the JVM's per-thread allocation counters and by a check the sandbox inserts before every script statement.
 */
package org.strata.graph.server.budget;
