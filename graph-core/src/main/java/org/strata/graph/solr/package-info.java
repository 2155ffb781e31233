/**
 * A local SolrCloud node (one Solr server and its ZooKeeper) for the mixed index that every JanusGraph
 * instance of a Cassandra store shares: started as a JVM of its own (Solr 9 from the build's
 * {@code solr-node} module, whose Lucene 9 must not meet JanusGraph's Lucene 8), on free loopback ports, its
 * state in one folder. Used by the tests and by {@code strata solr start|stop}; nothing here imports Solr.
 */
package org.strata.graph.solr;
