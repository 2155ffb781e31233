package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strata.graph.server.ServerTestSupport.rootMessage;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.DeltaRecord;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;

/**
 * Writes through a real Gremlin Server: with writes on, each committed transaction is one delta that
 * history lists and undo reverts to the exact prior store; governance is not writable whatever the client
 * sends; read-only (the default) refuses every mutating step. Each test leaves the store as it found it.
 */
class GremlinWritesTest {

    static GraphStore store;
    static StrataServer writable;
    static Cluster writer;

    @BeforeAll
    static void open() {
        store = ServerTestSupport.umlsStore();
        writable = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort()).withWrites(true));
        writer = ServerTestSupport.cluster(writable.parameters().port());
    }

    @AfterAll
    static void close() {
        writer.close();
        writable.close();
        store.close();
    }

    private interface Check {
        void run(Cluster cluster, Client client) throws Exception;
    }

    /** Runs {@code check} against the writable server, or against a read-only one started for it. */
    private static void serve(boolean writes, Check check) throws Exception {
        if (writes) {
            check.run(writer, writer.connect());
            return;
        }
        writer.close();
        writable.close();
        try (StrataServer server = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort()))) {
            Cluster cluster = ServerTestSupport.cluster(server.parameters().port());
            try {
                check.run(cluster, cluster.connect());
            } finally {
                cluster.close();
            }
        } finally {
            writable = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort()).withWrites(true));
            writer = ServerTestSupport.cluster(writable.parameters().port());
        }
    }

    private static List<DeltaRecord> newDeltas(int before) {
        List<DeltaRecord> all = store.history();
        return all.subList(before, all.size());
    }

    @Test
    void aScriptTransaction_isOneDelta_andItsUndoRestoresTheExactPriorStore() throws Exception {
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        serve(true, (cluster, client) -> {
            long added = client.submit(String.join("\n",
                    "g.addV('Entity').property('uid', 'new_virus').property('name', 'New virus').property('type', 'Virus').iterate()",
                    "g.V().has('uid', 'virus').addE('isa').to(__.V().has('uid', 'new_virus')).iterate()",
                    "g.V().has('uid', 'bacterium').drop().iterate()",
                    "g.V().has('uid', 'virus').property('name', 'Virus renamed').iterate()",
                    "g.V().has('uid', 'fungus').outE('isa').limit(1).drop().iterate()",
                    "g.V().has('uid', 'new_virus').count()")).one().getLong();
            assertEquals(1L, added);
        });
        List<DeltaRecord> made = newDeltas(deltas);
        assertEquals(1, made.size(), "one transaction, one delta: " + made);
        DeltaRecord d = made.get(0);
        assertEquals(DeltaKind.GREMLIN, d.kind());
        assertTrue(d.command().startsWith("gremlin write by anonymous@127.0.0.1:"), d.command());
        assertEquals(1L, d.counts().get("entitiesAdded"));
        assertEquals(1L, d.counts().get("entitiesRemoved"));
        assertEquals(1L, d.counts().get("entitiesChanged"));
        assertEquals(1L, d.counts().get("factsAdded"));
        assertTrue(d.counts().get("factsRemoved") > 1, "bacterium's facts go with it: " + d.counts());
        FactRecord fact = store.factsAround("new_virus", 10).get(0);
        assertEquals(LifecycleState.STABLE, fact.state());
        assertTrue(fact.sources().stream().anyMatch(s -> s.startsWith(d.id() + ".1")), "provenance: " + fact.sources());
        assertEquals("Virus renamed", store.names().get("virus"));

        store.undo(d.id(), "undo " + d.id(), ProgressListener.NONE);
        assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)), "undo restores the exact prior store");
    }

    @Test
    void bytecodeRequests_areADeltaEach_andUndoInAnyOrderRestoresTheStore() throws Exception {
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        serve(true, (cluster, client) -> {
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            g.addV("Entity").property("uid", "prion").property("name", "Prion").iterate();
            g.V().has("uid", "prion").addE("isa").to(__.V().has("uid", "entity")).iterate();
            g.V().has("uid", "virus").property("name", "Virus, again").iterate();
            g.V().has("uid", "prion").property("type", "Agent").iterate();
            assertEquals(1L, g.V().has("uid", "prion").out("isa").count().next());
        });
        List<DeltaRecord> made = newDeltas(deltas);
        assertEquals(4, made.size(), made.toString());
        StoreDump afterAll = StoreDump.of(store);
        // the oldest first: the rename of virus stays until its own delta is undone
        store.undo(made.get(0).id(), "undo", ProgressListener.NONE);
        assertEquals("Virus, again", store.names().get("virus"));
        for (int i = made.size() - 1; i > 0; i--) {
            store.undo(made.get(i).id(), "undo", ProgressListener.NONE);
        }
        assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)));
        assertTrue(!afterAll.equals(before));
    }

    /** Writes the governance forbids, as scripts; the same are sent as bytecode below. */
    @ParameterizedTest
    @ValueSource(strings = {
            "g.E().hasLabel('isa').limit(1).property('state', 'STABLE')",
            "g.E().hasLabel('isa').limit(1).property('confidence', 1.0d)",
            "g.E().hasLabel('isa').limit(1).property('source', 'd1.1:1 d1.1:2')",
            "g.V().has('uid', 'virus').property('createdByDelta', 'd99')",
            "g.V().has('uid', 'virus').property('uid', 'renamed')",
            "g.V().hasLabel('Delta').drop()",
            "g.V().hasLabel('Delta').property('deltaState', 'UNDONE')",
            "g.V().hasLabel('Source').property('sourcePath', '/elsewhere')",
            "g.V().drop()",
            "g.addV('Rule').property('ruleText', 'isa(X,Y) <= isa(Y,X)')",
            "g.addV('Community').property('communityId', 'c1')",
            "g.addV('Entity').property('uid', 'z').property('state', 'STABLE')",
            "g.addV('Entity').property('name', 'without a uid')",
            "g.V().has('uid', 'virus').addE('MEMBER_OF').to(__.V().has('uid', 'bacterium'))",
            "g.V().has('uid', 'virus').addE('isa').to(__.V().has('uid', 'bacterium')).property('confidence', 0.9d)",
            "g.V().has('uid', 'virus').addE('isa').to(__.V().has('uid', 'entity'))",
            "g.mergeV([(T.label): 'Delta', 'deltaId': 'd99'])",
            "g.V().has('uid', 'virus').outE('isa').property('support', 7)",
    })
    void governance_isNotWritable_fromScripts(String attack) throws Exception {
        assertRefused(client -> {
            Exception e = assertThrows(Exception.class, () -> client.submit(attack).all().get(30, TimeUnit.SECONDS));
            assertTrue(rootMessage(e).contains("governance"), attack + " -> " + rootMessage(e));
        }, null);
    }

    @Test
    void governance_isNotWritable_fromBytecode() throws Exception {
        List<Consumer<GraphTraversalSource>> attacks = List.of(
                g -> g.E().hasLabel("isa").limit(1).property("state", "STABLE").iterate(),
                g -> g.V().hasLabel("Delta").drop().iterate(),
                g -> g.V().drop().iterate(),
                g -> g.addV("Rule").property("ruleText", "x").iterate(),
                g -> g.V().has("uid", "virus").property("uid", "renamed").iterate(),
                g -> g.mergeV(java.util.Map.of(T.label, "Delta", "deltaId", "d99")).iterate(),
                g -> g.V().has("uid", "virus").addE("CHILD_OF").to(__.V().has("uid", "entity")).iterate(),
                g -> g.addV("Entity").property("uid", "virus").iterate());
        assertRefused(null, g -> {
            for (int i = 0; i < attacks.size(); i++) {
                int n = i;
                Exception e = assertThrows(Exception.class, () -> attacks.get(n).accept(g), "attack " + n + " went through");
                assertTrue(rootMessage(e).contains("governance") || rootMessage(e).contains("uniqueness"),
                        "attack " + n + ": " + rootMessage(e));
            }
        });
    }

    private static void assertRefused(Consumer<Client> scripts, Consumer<GraphTraversalSource> bytecode) throws Exception {
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        serve(true, (cluster, client) -> {
            if (scripts != null) {
                scripts.accept(client);
            }
            if (bytecode != null) {
                bytecode.accept(ServerTestSupport.remote(cluster));
            }
        });
        assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)), "the refused write changed the store");
        assertEquals(deltas, store.history().size(), "a refused write left a delta");
    }

    @Test
    void readOnly_theDefault_refusesEveryMutatingStep_inBytecodeAndScripts() throws Exception {
        StoreDump before = StoreDump.of(store);
        int deltas = store.history().size();
        List<String> scripts = List.of(
                "g.addV('Entity').property('uid', 'x')",
                "g.V().has('uid', 'virus').addE('isa').to(__.V().has('uid', 'entity'))",
                "g.V().has('uid', 'virus').property('name', 'x')",
                "g.V().has('uid', 'virus').drop()",
                "g.E().limit(1).drop()",
                "g.V().has('uid', 'virus').properties('name').drop()",
                "g.mergeV([(T.label): 'Entity', 'uid': 'x'])",
                "g.mergeE([(T.label): 'isa', (Direction.OUT): 1, (Direction.IN): 2])",
                "g.V().limit(1).sideEffect(__.addV('Entity').property('uid', 'x'))",
                "g.V().limit(1).flatMap(__.addV('Entity').property('uid', 'x'))",
                "g.V().has('uid', 'virus').choose(__.has('name'), __.drop(), __.identity())");
        List<Consumer<GraphTraversalSource>> bytecode = List.of(
                g -> g.addV("Entity").property("uid", "x").iterate(),
                g -> g.V().has("uid", "virus").property("name", "x").iterate(),
                g -> g.V().has("uid", "virus").drop().iterate(),
                g -> g.E().limit(1).drop().iterate(),
                g -> g.mergeV(java.util.Map.of(T.label, "Entity", "uid", "x")).iterate(),
                g -> g.V().limit(1).sideEffect(__.addV("Entity").property("uid", "x")).iterate(),
                g -> g.inject(1).union(__.addV("Entity"), __.identity()).iterate());
        serve(false, (cluster, client) -> {
            for (String s : scripts) {
                Exception e = assertThrows(Exception.class, () -> client.submit(s).all().get(30, TimeUnit.SECONDS), s);
                assertTrue(rootMessage(e).contains("read only") || rootMessage(e).contains("read-only"),
                        s + " -> " + rootMessage(e));
            }
            GraphTraversalSource g = ServerTestSupport.remote(cluster);
            for (int i = 0; i < bytecode.size(); i++) {
                int n = i;
                Exception e = assertThrows(Exception.class, () -> bytecode.get(n).accept(g), "bytecode " + n);
                assertTrue(rootMessage(e).contains("read only") || rootMessage(e).contains("read-only"),
                        "bytecode " + n + " -> " + rootMessage(e));
            }
        });
        assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)));
        assertEquals(deltas, store.history().size());
    }
}
