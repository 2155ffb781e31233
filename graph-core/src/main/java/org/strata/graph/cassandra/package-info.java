/**
 * A local, single-node Apache Cassandra for the CQL backend: started as a JVM of its own (JDK 11 or 17,
 * Cassandra's class path resolved by the build), on free loopback ports, its state in one folder.
 * Used by the tests and by {@code strata cassandra start|stop}; nothing here imports Cassandra.
 */
package org.strata.graph.cassandra;
