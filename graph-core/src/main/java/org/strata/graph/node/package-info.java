/**
 * What the local server nodes (Cassandra, Solr) share: a process of its own recorded in a state file in its
 * folder, found alive or not, stopped with a grace period, and free loopback ports.
 */
package org.strata.graph.node;
