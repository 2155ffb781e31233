package org.strata.graph.cassandra;

import org.strata.graph.config.Option;

/** The options of the local Cassandra node ({@code strata cassandra start|stop|status}). */
public final class CassandraOptions {

    private CassandraOptions() {
    }

    public static final Option<String> DIR = Option.string("cassandra", "dir").label("DIR")
            .description("The local Cassandra node's folder: its configuration, data, log and the store "
                    + "configuration files written for it")
            .defaultValue("strata-data/cassandra").build();

    public static final Option<String> KEYSPACE = Option.string("cassandra", "keyspace").label("NAME")
            .description("The keyspace of the store whose configuration 'cassandra start' writes "
                    + "(DIR/NAME.properties, for --store-config)")
            .defaultValue(CassandraNode.DEFAULT_KEYSPACE).build();

    public static final Option<Integer> HEAP = Option.integer("cassandra", "heap-mib").label("MIB")
            .description("The node's Java heap").defaultValue(1024).range(256, 1_000_000).build();

    public static final Option<String> SOLR = Option.string("cassandra", "solr").label("DIR")
            .description("The folder of a running local Solr node ('strata solr start'): the store configuration "
                    + "'cassandra start' writes gets its name search lines (else names are found through "
                    + "composite indexes)")
            .build();
}
