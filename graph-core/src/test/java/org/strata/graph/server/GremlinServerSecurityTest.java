package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strata.graph.server.ServerTestSupport.rootMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.decoration.SubgraphStrategy;
import org.apache.tinkerpop.gremlin.util.function.Lambda;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strata.graph.store.GraphStore;

/**
 * A real Gremlin Server on loopback, queried with the real Java driver: what must work works, and what
 * reaches outside the graph is refused and leaves no trace.
 */
class GremlinServerSecurityTest {

    @TempDir
    static Path dir;

    static GraphStore store;
    static StrataServer server;
    static Cluster cluster;
    static Client client;

    @BeforeAll
    static void start() {
        store = ServerTestSupport.umlsStore();
        server = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort()));
        cluster = ServerTestSupport.cluster(server.parameters().port());
        client = cluster.connect();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        server.close();
        store.close();
    }

    @Test
    void bytecodeAndScripts_queryTheStore() throws Exception {
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        assertEquals(135L, g.V().hasLabel("Entity").count().next());
        assertEquals("virus", g.V().has("uid", "virus").values("name").next());
        assertEquals(135L, client.submit("g.V().hasLabel('Entity').count()").one().getLong());
        List<Result> isa = client.submit("g.V().has('uid', x).out('isa').values('uid').order()",
                Map.of("x", "virus")).all().get();
        assertEquals(List.of("entity", "physical_object"), isa.stream().map(Result::getString).toList());
        assertEquals(1L, client.submit("g.V().has('name', textContains('virus')).count()").one().getLong());
        assertEquals(5L, client.submit("def n = 2; n + [1, 2, 3].size()").one().getLong());
    }

    /** Scripts that would run a process, write a file, reflect, load classes or exit. {F} is a file path. */
    @ParameterizedTest
    @ValueSource(strings = {
            "'touch {F}'.execute()",
            "['touch', '{F}'].execute()",
            "Runtime.getRuntime().exec('touch {F}')",
            "new ProcessBuilder('touch', '{F}').start()",
            "new File('{F}').text = 'x'",
            "new File('{F}') << 'x'",
            "java.nio.file.Files.writeString(java.nio.file.Path.of('{F}'), 'x')",
            "('{F}' as File).write('x')",
            "@groovy.transform.ASTTest(value={ new File('{F}').text = 'x' }) def x = 1",
            "@Grab('x:y:1') import foo.Bar; 1",
            "class X { static { new File('{F}').text = 'x' } }; new X()",
            "def f() { new File('{F}').text = 'x' }; f()",
            "g.V().map{ new File('{F}').text = 'x' }.toList()",
            "g.V().map(x -> new File('{F}').text = 'x').toList()",
            "Eval.me(\"new File('{F}').text = 'x'\")",
            "evaluate(\"new File('{F}').text = 'x'\")",
            "this.class.classLoader.loadClass('java.lang.Runtime')",
            "Class.forName('java.lang.Runtime').getRuntime().exec('touch {F}')",
            "g.V().next().getClass().forName('java.lang.Runtime')",
            "System.exit(0)",
            "System.getenv()",
            "Thread.sleep(1)",
            "g.io('{F}').write().iterate()",
            "g.getGraph().io(org.apache.tinkerpop.gremlin.structure.io.IoCore.graphml()).writeGraph('{F}')",
            "graph.openManagement()",
            "g.withoutStrategies(ServerSafetyStrategy).io('{F}').write().iterate()",
            "g.V().program(null)",
            "org.apache.tinkerpop.gremlin.util.function.Lambda.function(\"new File('{F}').text = 'x'\")",
            "g.V().next().property('name', 'changed')",
            "binding.variables",
            "x = 1",
    })
    void dangerousScripts_areRefused_andLeaveNoTrace(String template) {
        Path file = dir.resolve("pwned-" + Math.abs(template.hashCode()));
        String script = template.replace("{F}", file.toString());
        Exception e = assertThrows(Exception.class, () -> client.submit(script).all().get());
        ResponseException response = cause(e, ResponseException.class);
        assertTrue(response != null, "expected a refusal from the server, got " + e);
        assertFalse(Files.exists(file), "the script left " + file);
        assertTrue(client.submit("g.V().count()").one().getLong() > 0, "the server still answers");
    }

    static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    @Test
    void bytecodeWithALambda_isRefusedBeforeItIsCompiled() {
        Path file = dir.resolve("lambda");
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        Exception e = assertThrows(Exception.class, () -> g.V().map(Lambda.function(
                "new File('" + file + "').text = 'x'; { it -> it.get() }")).toList());
        assertTrue(rootMessage(e).contains("Lambdas are not allowed"), rootMessage(e));
        assertEquals(ResponseStatusCode.FORBIDDEN, cause(e, ResponseException.class).getResponseStatusCode());
        assertFalse(Files.exists(file));
    }

    @Test
    void bytecodeIoStepAndStrategyRemoval_areRefused() {
        Path file = dir.resolve("io.xml");
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        Exception io = assertThrows(Exception.class, () -> g.io(file.toString()).write().iterate());
        assertTrue(rootMessage(io).contains("io() step is not allowed"), rootMessage(io));
        assertFalse(Files.exists(file));
        Exception remove = assertThrows(Exception.class,
                () -> g.withoutStrategies(ServerSafetyStrategy.class).V().count().next());
        assertTrue(rootMessage(remove).contains("withoutStrategies() source step is not allowed"), rootMessage(remove));
        Exception nested = assertThrows(Exception.class,
                () -> g.V().union(__.identity(), __.map(Lambda.function("it.get()"))).toList());
        assertTrue(rootMessage(nested).contains("Lambdas are not allowed"), rootMessage(nested));
        // strategies that only restrict what a traversal sees stay available
        assertEquals(1L, g.withStrategies(SubgraphStrategy.build().vertices(__.has("uid", "virus")).create())
                .V().count().next());
    }

    @Test
    void aClientCannotRaiseTheEvaluationTimeout() {
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        Exception e = assertThrows(Exception.class, () -> g.with("evaluationTimeout", 3_600_000L).V().count().next());
        assertTrue(rootMessage(e).contains("exceeds this server's limit of 30000 ms"), rootMessage(e));
        Exception script = assertThrows(Exception.class, () -> client.submit("g.V().count()",
                org.apache.tinkerpop.gremlin.driver.RequestOptions.build().timeout(3_600_000L).create()).all().get());
        assertTrue(rootMessage(script).contains("exceeds"), rootMessage(script));
        assertEquals(137L, g.with("evaluationTimeout", 10_000L).V().count().next());
    }
}
