/**
 * The store on JanusGraph: the only package that imports JanusGraph. Schema, the import writer, the
 * delta log and its reverter, and the projection scan.
 */
package org.strata.graph.janus;
