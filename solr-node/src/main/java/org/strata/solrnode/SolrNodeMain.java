package org.strata.solrnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs one SolrCloud node and the ZooKeeper it registers with, both on 127.0.0.1, until the process is
 * told to end (its shutdown hook stops Solr, then ZooKeeper). Arguments: the node's folder, the ZooKeeper
 * port, the Solr port. Their data stay in the folder, so a node started again on it keeps its collections.
 * Strata's configset ({@value #CONFIGSET}) is uploaded at every start; JanusGraph creates a collection per
 * mixed index from it. Prints one line, {@code READY <zookeeper address> <solr url>}, once it serves.
 */
public final class SolrNodeMain {

    /** The name of the configset JanusGraph's collections are created from. */
    public static final String CONFIGSET = "strata";

    private SolrNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SolrNodeMain DIR ZOOKEEPER_PORT SOLR_PORT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        int zkPort = Integer.parseInt(args[1]);
        int solrPort = Integer.parseInt(args[2]);
        Path zkDir = dir.resolve("zookeeper");
        boolean fresh = !Files.isDirectory(zkDir);
        Files.createDirectories(zkDir);
        Path home = dir.resolve("solr");
        Files.createDirectories(home);
        System.setProperty("solr.log.dir", dir.toString());
        ZkTestServer zk = new ZkTestServer(zkDir, zkPort);
        zk.run(fresh);
        String zkHost = "127.0.0.1:" + zk.getPort() + "/solr";
        try (SolrZkClient client = new SolrZkClient.Builder().withUrl("127.0.0.1:" + zk.getPort())
                .withTimeout(30, TimeUnit.SECONDS).build()) {
            if (!client.exists("/solr", true)) {
                client.makePath("/solr", false, true);
            }
        }
        try (SolrZkClient client = new SolrZkClient.Builder().withUrl(zkHost).withTimeout(30, TimeUnit.SECONDS)
                .build()) {
            ZkMaintenanceUtils.uploadToZK(client, configset(dir), "/configs/" + CONFIGSET, null);
        }
        Files.writeString(home.resolve("solr.xml"), "<solr>\n  <solrcloud>\n"
                + "    <str name=\"host\">127.0.0.1</str>\n"
                + "    <int name=\"hostPort\">" + solrPort + "</int>\n"
                + "    <str name=\"hostContext\">solr</str>\n"
                + "    <str name=\"zkHost\">" + zkHost + "</str>\n"
                + "  </solrcloud>\n</solr>\n", StandardCharsets.UTF_8);
        JettySolrRunner solr = new JettySolrRunner(home.toString(),
                JettyConfig.builder().setPort(solrPort).stopAtShutdown(true).build());
        solr.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                solr.stop();
                zk.shutdown();
            } catch (Exception e) {
                System.err.println("Solr did not shut down cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("READY " + zkHost + " " + solr.getBaseUrl());
        System.out.flush();
        stopped.await();
    }

    /** Copies the configset out of this class's resources into the node's folder (as files Solr can upload). */
    private static Path configset(Path dir) throws IOException {
        Path out = dir.resolve("configset");
        Files.createDirectories(out);
        for (String file : new String[] {"solrconfig.xml", "schema.xml"}) {
            try (InputStream in = SolrNodeMain.class.getResourceAsStream("/strata-configset/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("the configset file " + file + " is missing from the class path");
                }
                Files.copy(in, out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }
}
