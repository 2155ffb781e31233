package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.util.MessageSerializer;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strata.graph.store.GraphStore;

/**
 * The server speaks GraphBinary and GraphSON 3 with the JanusGraph IO registry: a client configured
 * with the registry round-trips JanusGraph's own types, such as an edge id.
 */
class SerializerTest {

    static GraphStore store;
    static StrataServer server;

    @BeforeAll
    static void start() {
        store = ServerTestSupport.umlsStore();
        server = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort()));
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"graphbinary", "graphson3"})
    void serializerWithTheJanusGraphRegistry_roundTripsEdgeIds(String kind) {
        MessageSerializer<?> serializer = kind.equals("graphson3") ? new GraphSONMessageSerializerV3()
                : new GraphBinaryMessageSerializerV1();
        serializer.configure(Map.of("ioRegistries", List.of("org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry")), null);
        Cluster cluster = Cluster.build("127.0.0.1").port(server.parameters().port()).serializer(serializer).create();
        try {
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            Edge e = g.V().has("uid", "virus").outE("isa").limit(1).next();
            assertEquals("isa", e.label());
            assertEquals(1L, g.E(e.id()).count().next(), "the edge id came back usable");
            assertEquals("virus", g.E(e.id()).outV().values("uid").next());
            assertEquals(135L, cluster.connect().submit("g.V().hasLabel('Entity').count()").one().getLong());
        } finally {
            cluster.close();
        }
    }
}
