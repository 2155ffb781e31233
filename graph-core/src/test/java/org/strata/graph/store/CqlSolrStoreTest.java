package org.strata.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.janusgraph.core.attribute.Text;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;
import org.strata.graph.cassandra.TestNode;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.solr.SolrNode;
import org.strata.graph.solr.TestSolr;

/**
 * Name search on a Cassandra store whose mixed index lives in a real SolrCloud node (Solr 9 and its
 * ZooKeeper, started for this test JVM on loopback ports): words and prefixes found by JanusGraph's text
 * predicates, through Solr, for every JanusGraph instance of the store; names follow client renames and
 * undos; nothing of the name keys a store without a search server keeps.
 */
class CqlSolrStoreTest {

    @TempDir
    Path dir;

    private GraphStore open(Path config) {
        return Stores.open(StoreSpec.configFile(config));
    }

    private Path storeConfig(SolrNode solr) throws IOException {
        Path config = TestNode.newStoreConfig(dir.resolve("store"));
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8) + solr.searchConfig(),
                StandardCharsets.UTF_8);
        return config;
    }

    @Test
    void namesAreSearchedInSolr_byEveryInstance_andFollowRenamesAndUndos() throws Exception {
        SolrNode solr = TestSolr.get();
        Path config = storeConfig(solr);
        try (GraphStore store = open(config); GraphStore second = open(config)) {
            ImportResult named = store.importFacts(new ImportRequest(List.of(TestData.triples(dir, "a.tsv",
                    "a r b; c r b")), TripleFormat.TSV, TestData.write(dir, "names.tsv", "a\tAlpha Virus\nb\tBeta_virus\n"),
                    "test import", 3, 2), ProgressListener.NONE);
            GraphTraversalSource g = store.graph().traversal();
            // "Beta_virus" is found by "virus": Strata's Solr schema splits words as JanusGraph's textContains does
            assertEquals(Set.of("a", "b"), uids(g, Text.textContains("virus")));
            assertEquals(Set.of("a"), uids(g, Text.textContainsPrefix("alph")));
            assertEquals(Set.of("a"), uids(g, Text.textPrefix("Alpha V")));
            String profile = g.V().hasLabel("Entity").has("name", Text.textContains("virus")).profile().next().toString();
            g.tx().rollback();
            assertTrue(profile.contains("entityByName"), "looked up by the mixed index: " + profile);
            assertFalse(((org.janusgraph.core.JanusGraph) store.graph()).containsPropertyKey("nameWord"),
                    "no name keys beside a search server");
            assertEquals(Set.of("a", "b"), new TreeSet<>(store.findEntities("Which virus is it?", 5)));
            assertEquals(2, solrCount(solr, "name_t:virus"), "Solr itself holds the two names");

            // another JanusGraph instance of the same store finds them through the same Solr
            GraphTraversalSource other = second.graph().traversal();
            assertEquals(Set.of("a", "b"), uids(other, Text.textContains("virus")));

            // a client of the second instance renames a and names c; the first instance finds the new names
            other.V().has("uid", "a").property("name", "Gamma Ray").iterate();
            other.V().has("uid", "c").property("name", "Delta").iterate();
            other.tx().commit();
            assertEquals(Set.of("b"), uids(g, Text.textContains("virus")));
            assertEquals(Set.of("a"), uids(g, Text.textContains("ray")));
            assertEquals(Set.of("c"), uids(g, Text.textContainsPrefix("del")));

            // the undo of the rename restores a's name and takes c's away
            String rename = store.history().get(store.history().size() - 1).id();
            store.undo(rename, "undo the rename", ProgressListener.NONE);
            assertEquals(Set.of("a", "b"), uids(g, Text.textContains("virus")));
            assertEquals(Set.of(), uids(g, Text.textContains("ray")));
            assertEquals(Set.of(), uids(g, Text.textContainsPrefix("del")));

            // the undo of the import takes every named entity out of Solr
            store.undo(named.deltaId(), "undo the import", ProgressListener.NONE);
            assertEquals(Set.of(), uids(g, Text.textContains("virus")));
            assertEquals(0, solrCount(solr, "name_t:*"), "no document left in Solr");
        }
    }

    /** Solr and its ZooKeeper answer on loopback and refuse a connection to any other address of this machine. */
    @Test
    void theSolrNode_listensOnLoopbackOnly() throws Exception {
        SolrNode solr = TestSolr.get();
        int solrPort = URI.create(solr.solrUrl()).getPort();
        int zkPort = Integer.parseInt(solr.zookeeperUrl().replaceAll("^[^:]+:(\\d+)/.*$", "$1"));
        List<java.net.InetAddress> others = new java.util.ArrayList<>();
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp()) {
                for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        others.add(a);
                    }
                }
            }
        }
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address beside loopback to connect from");
        for (int port : new int[] {solrPort, zkPort}) {
            assertTrue(connects(java.net.InetAddress.getLoopbackAddress(), port), "port " + port + " on loopback");
            for (java.net.InetAddress a : others) {
                assertFalse(connects(a, port), "port " + port + " answered on " + a);
            }
        }
    }

    private static boolean connects(java.net.InetAddress address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> uids(GraphTraversalSource g, org.apache.tinkerpop.gremlin.process.traversal.P<?> p) {
        Set<String> out = new TreeSet<>();
        g.V().hasLabel("Entity").has("name", p).<String>values("uid").forEachRemaining(out::add);
        g.tx().rollback();
        return out;
    }

    /** How many documents of the name index match {@code query}, asked of Solr over HTTP. */
    private static long solrCount(SolrNode solr, String query) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String url = solr.solrUrl() + "/entityByName/select?rows=0&wt=json&q="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"numFound\"\\s*:\\s*(\\d+)").matcher(body);
        assertTrue(m.find(), "Solr answered: " + body);
        return Long.parseLong(m.group(1));
    }
}
