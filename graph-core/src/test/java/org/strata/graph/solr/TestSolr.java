package org.strata.graph.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** The one Solr node of this test JVM: started on first use in a temporary folder, stopped when the JVM ends. */
public final class TestSolr {

    private static SolrNode node;

    private TestSolr() {
    }

    /** The running node, started on the first call. */
    public static synchronized SolrNode get() {
        if (node == null) {
            try {
                node = SolrNode.start(SolrNode.Settings.of(Files.createTempDirectory("strata-solr-")));
                SolrNode started = node;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(Duration.ofSeconds(5))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return node;
    }
}
