package org.strata.graph.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files a local node is configured by, and the JVM flags Cassandra's launch scripts pass on JDK 17. */
final class CassandraConfig {

    private CassandraConfig() {
    }

    /** The data centre SimpleSnitch puts the node in (the CQL driver must name it). */
    static final String DATACENTER = "datacenter1";

    /** From Cassandra 5.0's conf/jvm17-server.options: the JDK internals it reaches into. */
    static final List<String> MODULE_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports=java.sql/java.sql=ALL-UNNAMED",
            "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.math=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED");

    /**
     * A single node on 127.0.0.1: one token, everything under {@code dir/data}, the native transport on
     * {@code nativePort}, gossip on {@code storagePort}, and the small-machine settings (few compaction and
     * flush threads, a short commit-log sync period, no auto snapshots of dropped keyspaces).
     */
    static String yaml(Path dir, int nativePort, int storagePort) {
        Path data = dir.resolve("data");
        return "# Written by Strata for a local single node; rewritten at every start\n"
                + "cluster_name: strata-local\n"
                + "num_tokens: 1\n"
                + "initial_token: 0\n"
                + "partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n"
                + "data_file_directories: [" + quoted(data.resolve("data")) + "]\n"
                + "commitlog_directory: " + quoted(data.resolve("commitlog")) + "\n"
                + "saved_caches_directory: " + quoted(data.resolve("saved_caches")) + "\n"
                + "hints_directory: " + quoted(data.resolve("hints")) + "\n"
                + "cdc_raw_directory: " + quoted(data.resolve("cdc_raw")) + "\n"
                + "commitlog_sync: periodic\n"
                + "commitlog_sync_period: 1000ms\n"
                + "seed_provider:\n"
                + "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
                + "    parameters:\n"
                + "      - seeds: \"127.0.0.1:" + storagePort + "\"\n"
                + "listen_address: 127.0.0.1\n"
                + "rpc_address: 127.0.0.1\n"
                + "storage_port: " + storagePort + "\n"
                + "native_transport_port: " + nativePort + "\n"
                + "start_native_transport: true\n"
                + "endpoint_snitch: SimpleSnitch\n"
                + "auto_snapshot: false\n"
                + "concurrent_compactors: 1\n"
                + "memtable_flush_writers: 1\n"
                + "hinted_handoff_enabled: false\n";
    }

    /** Logging to {@code dir/system.log} at INFO (Cassandra's own logback.xml is not in its jar). */
    static String logback(Path dir) {
        return "<configuration>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + xml(dir.resolve("system.log").toString()) + "</file>\n"
                + "    <encoder><pattern>%d %-5level [%thread] %logger{20} %msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
                + "</configuration>\n";
    }

    /** The last lines of the node's log and of its process output, for an error message. */
    static String tail(Path dir) {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("system.log", "process.log")) {
            Path f = dir.resolve(name);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String l : lines.subList(Math.max(0, lines.size() - 15), lines.size())) {
                    b.append("  ").append(l.length() > 300 ? l.substring(0, 300) + " ..." : l).append('\n');
                }
            } catch (IOException e) {
                b.append("  (cannot read ").append(f).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return b.toString();
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("'", "''") + "'";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
