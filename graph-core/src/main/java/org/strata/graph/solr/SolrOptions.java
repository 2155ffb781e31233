package org.strata.graph.solr;

import org.strata.graph.config.Option;

/** The options of the local Solr node ({@code strata solr start|stop|status}). */
public final class SolrOptions {

    private SolrOptions() {
    }

    public static final Option<String> DIR = Option.string("solr", "dir").label("DIR")
            .description("The local Solr node's folder: its ZooKeeper's and Solr's data, the log and the "
                    + "store configuration lines written for it (search.properties)")
            .defaultValue("strata-data/solr").build();

    public static final Option<Integer> HEAP = Option.integer("solr", "heap-mib").label("MIB")
            .description("The node's Java heap").defaultValue(512).range(128, 1_000_000).build();
}
