package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.strata.graph.server.ServerTestSupport.rootMessage;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.RequestOptions;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.TextP;
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
import org.strata.graph.store.StoreDump;

/**
 * A real Gremlin Server on loopback, queried with the real Java driver, attacked as a hostile client
 * would. Each attack checks its own effect: the file it would create, the secret it would leak, the
 * property it would clear, the time it would take, the thread it would leave running; and the store is
 * compared with a dump taken before the attacks.
 */
class GremlinServerSecurityTest {

    @TempDir
    static Path dir;

    static GraphStore store;
    static StrataServer server;
    static Cluster cluster;
    static Client client;
    static StoreDump before;
    /** A secret in this JVM's system properties, and one in its environment: neither may reach a client. */
    static final String SECRET = "strata-secret-" + UUID.randomUUID();
    static final String ENV_SECRET = System.getenv("PATH");

    @BeforeAll
    static void start() {
        System.setProperty("strata.test.secret", SECRET);
        store = ServerTestSupport.umlsStore();
        before = StoreDump.of(store);
        server = StrataServer.start(store, ServerParameters.defaults(ServerTestSupport.freePort())
                .withEvaluationTimeout(Duration.ofSeconds(3)).withMaxRequestMemory(256L << 20));
        cluster = ServerTestSupport.cluster(server.parameters().port());
        client = cluster.connect();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        server.close();
        assertEquals(before, StoreDump.of(store), "the attacks changed the store");
        store.close();
    }

    /** What the server answered to a script: its results as text, or its error message. */
    private static String outcome(String script) {
        try {
            return "ok: " + client.submit(script).all().get(60, TimeUnit.SECONDS).stream().map(Result::getString).toList();
        } catch (Exception e) {
            return "error: " + rootMessage(e);
        }
    }

    private static void assertStillAnswers() {
        assertEquals(137L, ServerTestSupport.remote(cluster).V().count().next(), "the server still answers");
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
        assertEquals(2L, client.submit("g.V().has('uid', within(['virus', 'bacterium'])).order().by('uid', desc)"
                + ".values('uid').count()").one().getLong());
        assertEquals("virus", client.submit("[['virus']][0][0]").one().getString());
        assertEquals(1.5, client.submit("0.5 + 1.0").one().getDouble(), "decimal literals are doubles");
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
            "[Runtime]['runtime'].exec('touch {F}')",
            "[Runtime].getAt('runtime')[0].exec('touch {F}')",
            "def r = Runtime; r.getRuntime().exec('touch {F}')",
            "g.io('{F}').write().iterate()",
            "g.getGraph().io(org.apache.tinkerpop.gremlin.structure.io.IoCore.graphml()).writeGraph('{F}')",
            "g.withoutStrategies(ServerSafetyStrategy).io('{F}').write().iterate()",
            "org.apache.tinkerpop.gremlin.util.function.Lambda.function(\"new File('{F}').text = 'x'\")",
    })
    void scriptsThatReachOutside_createNothing(String template) {
        Path file = dir.resolve("pwned-" + Math.abs(template.hashCode()));
        String result = outcome(template.replace("{F}", file.toString()));
        assertTrue(result.startsWith("error: "), "the server ran it: " + result);
        assertFalse(Files.exists(file), "the script left " + file);
        assertStillAnswers();
    }

    /**
     * Reflection through Groovy's helpers and class literals: each would read the environment (which holds
     * the LLM API key of 'strata serve --api-key-env'), system properties or the graph's configuration. The
     * script must be refused when it is compiled, and no answer may carry a secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "[System].getAt('env')",
            "[System]['env']",
            "[System]['properties']",
            "[System]['properties'][0]",
            "[[System]][0]['env']",
            "['k': System]['k'].getenv()",
            "[g]['graph']['configuration']",
            "[g]['graph']",
            "[this]['class']['classLoader']",
            "[System]*.getenv()",
            "[System]*.env",
            "System.getenv()",
            "System.getProperties()",
            "System.getProperty('strata.test.secret')",
            "def c = System; c.getenv()",
            "Integer.class.forName('java.lang.System').getenv()",
            "[Integer]['classLoader']",
            "[T.id]['declaringClass']['classLoader']",
            "g.V().next().getClass()",
            "'x'.getClass().forName('java.lang.System')",
            "binding.variables",
            "this.binding",
            "g.graph.configuration",
            "graph.configuration()",
            "graph.openManagement()",
            "[g][0].getGraph()",
            "T.id.getClass()",
            "Math.class",
    })
    void reflectionThroughHelpersAndClassLiterals_isRefusedAtCompileTime_andLeaksNothing(String attack) {
        String result = outcome(attack);
        assertFalse(result.contains(SECRET), "leaked the system property: " + result);
        assertTrue(ENV_SECRET == null || ENV_SECRET.length() < 8 || !result.contains(ENV_SECRET),
                "leaked the environment: " + result);
        assertTrue(result.startsWith("error: ") && result.contains("Strata sandbox"),
                "not refused by the sandbox at compile time: " + result);
        assertStillAnswers();
    }

    @Test
    void clearingSystemPropertiesThroughAHelper_isRefused_andThePropertiesSurvive() {
        String result = outcome("((Map) [System]['properties'][0]).clear()");
        assertTrue(result.contains("Strata sandbox"), result);
        assertEquals(SECRET, System.getProperty("strata.test.secret"), "the system properties were cleared");
        assertTrue(System.getProperty("java.version") != null);
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

    static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A traversal that would run for hours on UMLS: every simple path of 12 hops (no bulking can shorten it). */
    private static final String ENDLESS = "g.V().repeat(both().simplePath()).times(12).path().count()";

    /**
     * Waits until no Gremlin worker thread is running (an idle worker waits for work); false if one still
     * runs after {@code seconds}: a request the server could not stop.
     */
    static boolean drained(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            boolean busy = Thread.getAllStackTraces().keySet().stream().anyMatch(t ->
                    t.getName().startsWith("gremlin-server-exec") && t.getState() == Thread.State.RUNNABLE);
            if (!busy) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void theServersTimeoutHolds_whateverTheClientAsksFor() throws Exception {
        List<CheckedRun> attempts = List.of(
                () -> client.submit(ENDLESS, RequestOptions.build().timeout(0).create()).all().get(),
                () -> client.submit(ENDLESS, RequestOptions.build().timeout(-1).create()).all().get(),
                () -> client.submit(ENDLESS, RequestOptions.build().timeout(Long.MAX_VALUE).create()).all().get(),
                () -> client.submit("g.with('evaluationTimeout', 0L).V().repeat(both().simplePath()).times(12).path().count()").all().get(),
                () -> client.submit("g.with('evaluationTimeout',0).V().repeat(both().simplePath()).times(12).path().count()").all().get(),
                () -> client.submit("g.with(\"scriptEvaluationTimeout\", 0L).V().repeat(both().simplePath()).times(12)"
                        + ".path().count()").all().get(),
                () -> client.submit("g.with('evaluationTimeout', 0L)/* " + "/*".repeat(200_000) + " */.V().count()").all().get(),
                () -> client.submit("g.withStrategies(new OptionsStrategy(evaluationTimeout: 0L))"
                        + ".V().repeat(both().simplePath()).times(12).path().count()").all().get(),
                () -> ServerTestSupport.remote(cluster).with("evaluationTimeout", 0L)
                        .V().repeat(__.both().simplePath()).times(12).path().count().next(),
                () -> ServerTestSupport.remote(cluster).with("evaluationTimeout", -5L)
                        .V().repeat(__.both().simplePath()).times(12).path().count().next(),
                () -> ServerTestSupport.remote(cluster).with("evaluationTimeout", 3_600_000L)
                        .V().repeat(__.both().simplePath()).times(12).path().count().next());
        for (int i = 0; i < attempts.size(); i++) {
            long start = System.nanoTime();
            CheckedRun attempt = attempts.get(i);
            Exception e = assertThrows(Exception.class, attempt::run, "attempt " + i + " ran to the end");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 15, "attempt " + i + " ran " + seconds + " s past the 3 s limit: " + rootMessage(e));
            assertTrue(drained(10), "attempt " + i + " left a request running on the server");
        }
        // a client may still ask for less; an empty loop allocates nothing, so only the timeout can stop it
        // (a traversal would also do, but on a fast machine it reaches the 256 MiB budget within 500 ms)
        long start = System.nanoTime();
        Exception shorter = assertThrows(Exception.class, () -> client.submit("while (true) { }",
                RequestOptions.build().timeout(500).create()).all().get());
        assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT,
                cause(shorter, ResponseException.class).getResponseStatusCode(), rootMessage(shorter));
        assertTrue((System.nanoTime() - start) / 1e9 < 3, "the shorter timeout was not applied");
        assertStillAnswers();
    }

    @FunctionalInterface
    interface CheckedRun {
        void run() throws Exception;
    }

    /** Scripts that would exhaust memory or a thread with one call no timeout can interrupt: refused when compiled. */
    @ParameterizedTest
    @ValueSource(strings = {
            "'a' * Integer.MAX_VALUE",
            "[0] * 400000000",
            "new long[400000000]",
            "new Object[400000000]",
            "new ArrayList(400000000)",
            "new HashMap(400000000)",
            "3G ** 100000000",
            "3 ** 100000000",
            "def x = 3; x.power(100000000)",
            "String.format('%2000000000s', 'x')",
            "'x'.padLeft(2000000000)",
            "'x'.repeat(2000000000)",
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' ==~ /(a+)+$/",
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ /(a+)+$/",
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(a+)+$')",
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.split('(a+)+$')",
            "~'(a+)+$'",
            "TextP.regex('(a+)+$').test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')",
            "g.V().has('name', textRegex('(a+)+$')).count()",
            "g.V().values('name').filter(regex('(a+)+$')).count()",
            "[System]['in']['text']",
            "(0..Integer.MAX_VALUE).toList()",
            "(1..1000000000).sum()",
            "[1, 2].unique()",
            "'1E999999999'.toBigDecimal()",
            "1 / 3",
            "1G + 1",
            "(1.5 as BigDecimal).pow(100000000)",
            "Thread.sleep(1000000)",
    })
    void singleCallExhaustion_isRefusedWhenCompiled(String attack) {
        long start = System.nanoTime();
        String result = outcome(attack);
        assertTrue(result.startsWith("error: ") && result.contains("Strata sandbox"),
                "not refused by the sandbox: " + result);
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "the refusal took " + (System.nanoTime() - start) / 1e9 + " s");
        assertStillAnswers();
    }

    /**
     * Work that only a running budget can stop: scripts that grow a string or a list, one statement or one
     * loop turn at a time. Each is stopped by the memory budget (256 MiB here) well within the timeout, the
     * server frees the thread, and other clients are answered meanwhile.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "def s = 'abcdefgh'; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s;"
                    + " s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s;"
                    + " s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s;"
                    + " s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s.length()",
            "def l = []; while (true) { l.add(l.size()) }",
            "def l = [1]; l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l);"
                    + " l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l);"
                    + " l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l);"
                    + " l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.addAll(l); l.size()",
            "def m = [:]; def i = 0; while (true) { m.put(i, 'value ' + i); i++ }",
    })
    void growingScripts_areStoppedByTheMemoryBudget_andOthersAreAnswered(String attack) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> outcome(attack));
        Cluster other = ServerTestSupport.cluster(server.parameters().port());
        try {
            GraphTraversalSource g = ServerTestSupport.remote(other);
            while (!running.isDone()) {
                long t = System.nanoTime();
                assertEquals(135L, g.V().hasLabel("Entity").count().next());
                assertTrue((System.nanoTime() - t) / 1e9 < 5, "another client waited " + (System.nanoTime() - t) / 1e9 + " s");
                Thread.sleep(100);
            }
        } finally {
            other.close();
        }
        String result = running.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(result.startsWith("error: ") && (result.contains("allocated more than") || result.contains("memory")),
                "not stopped by the budget: " + result);
        assertTrue(seconds < 15, "took " + seconds + " s");
        assertTrue(drained(10), "the request kept running on the server");
        System.gc();
        assertStillAnswers();
    }

    @Test
    void catastrophicRegex_runsInLinearTime_inBytecodeAndScripts() throws Exception {
        String evil = "a".repeat(5_000) + "!";
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        long start = System.nanoTime();
        assertEquals(0L, g.inject(evil).is(TextP.regex("(a+)+$")).count().next());
        assertEquals(1L, g.inject(evil).is(TextP.notRegex("(a+)+$")).count().next());
        assertEquals(1L, g.inject(evil).is(TextP.regex("a{3}!")).count().next());
        assertEquals(0L, client.submit("g.inject(x).is(regex('(a+)+$')).count()", Map.of("x", evil)).one().getLong());
        assertEquals(1L, client.submit("g.V().has('name', regex('^vir.s$')).count()").one().getLong());
        assertEquals(1L, client.submit("g.V().has('uid', 'virus').where(values('name').is(regex('(i|u)+s')))"
                + ".count()").one().getLong());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "regex predicates took " + seconds + " s");
        Exception backref = assertThrows(Exception.class, () -> g.inject("aa").is(TextP.regex("(a)\\1")).toList());
        assertTrue(rootMessage(backref).contains("RE2 syntax"), rootMessage(backref));
        Exception asLambda = assertThrows(Exception.class,
                () -> g.inject(evil).filter(rawPredicate(TextP.regex("(a+)+$"))).toList());
        assertTrue(rootMessage(asLambda).contains("filter(P) form is not allowed"), rootMessage(asLambda));
    }

    /** A P where the Java API expects a predicate over traversers, as a client without Java's types sends it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> java.util.function.Predicate<T> rawPredicate(java.util.function.Predicate p) {
        return p;
    }

    @Test
    void bigNumbers_fromClients_areRefused() {
        BigDecimal bomb = new BigDecimal("1E999999999");
        Exception binding = assertThrows(Exception.class,
                () -> client.submit("x.intValue()", Map.of("x", bomb)).all().get(30, TimeUnit.SECONDS));
        assertTrue(rootMessage(binding).contains("BigDecimal and BigInteger values are not accepted"), rootMessage(binding));
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        Exception bytecode = assertThrows(Exception.class, () -> g.inject(bomb, bomb).sum().next());
        assertTrue(rootMessage(bytecode).contains("BigDecimal and BigInteger values are not accepted"), rootMessage(bytecode));
        long start = System.nanoTime();
        // a decimal literal in a script is a double: the same bomb is Infinity, harmless
        assertEquals("Infinity", outcome("1E999999999 * 2").replace("ok: [", "").replace("]", ""));
        assertTrue((System.nanoTime() - start) / 1e9 < 10);
        assertStillAnswers();
    }

    @Test
    void strategiesBeyondTheHarmlessOnes_areRefused_inBytecodeAndScripts() throws Exception {
        GraphTraversalSource g = ServerTestSupport.remote(cluster);
        Exception e = assertThrows(Exception.class, () -> g.withStrategies(
                org.apache.tinkerpop.gremlin.process.traversal.strategy.optimization.LazyBarrierStrategy.instance())
                .V().count().next());
        assertTrue(rootMessage(e).contains("is not allowed on this server"), rootMessage(e));
        for (String script : List.of(
                "g.withStrategies(HaltedTraverserStrategy).V().count()",
                "g.withStrategies(new HaltedTraverserStrategy(haltedTraverserFactory: 'java.lang.Runtime')).V().count()",
                "g.withStrategies(new VertexProgramStrategy(computer: 'x')).V().count()",
                "g.withStrategies(org.apache.tinkerpop.gremlin.process.traversal.strategy.optimization"
                        + ".LazyBarrierStrategy.instance()).V().count()",
                "g.withStrategies(ClientStrategies.create('HaltedTraverserStrategy', [:])).V().count()",
                "def s = ReadOnlyStrategy; g.withStrategies(s).V().count()")) {
            String result = outcome(script);
            // refused by the sandbox or the factory, or not compilable at all: never run
            assertTrue(result.startsWith("error: ") && (result.contains("Strata sandbox") || result.contains("not allowed")
                    || result.contains("startup failed")), script + " -> " + result);
        }
        // the allowed ones work in scripts as Gremlin writes them
        assertEquals(1L, client.submit("g.withStrategies(new SubgraphStrategy(vertices: has('uid', 'virus'))).V().count()")
                .one().getLong());
        assertEquals(135L, client.submit("g.withStrategies(ReadOnlyStrategy, new SeedStrategy(seed: 7))"
                + ".V().hasLabel('Entity').count()").one().getLong());
    }
}
