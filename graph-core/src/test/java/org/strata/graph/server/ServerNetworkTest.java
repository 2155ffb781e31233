package org.strata.graph.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.strata.graph.server.ServerTestSupport.rootMessage;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.server.auth.PasswordFile;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.StoreDump;

/**
 * What crosses the network, on real servers bound to loopback: browser origins, the address the socket
 * is really bound to, the refusal to bind beyond loopback unprotected, TLS from PEM and from PKCS#12,
 * the session limit and the lockout after failed logins.
 */
class ServerNetworkTest {

    @TempDir
    static Path dir;

    static GraphStore store;

    @BeforeAll
    static void open() {
        store = ServerTestSupport.umlsStore();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aBrowserPageFromAnotherOrigin_cannotConnect_evenToAWritableServer() throws Exception {
        StoreDump before = StoreDump.of(store);
        ServerParameters p = ServerParameters.defaults(ServerTestSupport.freePort()).withWrites(true)
                .withAllowedOrigins(List.of("https://app.example.org"));
        try (StrataServer server = StrataServer.start(store, p)) {
            String drop = "g.V().hasLabel('Entity').limit(3).drop()";
            for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:9999", "https://app.example.org:8443")) {
                Exception e = assertThrows(Exception.class, () -> RawGremlinSocket.open(server.endpoint(), origin, null));
                assertTrue(RawGremlinSocket.refusedWith(e, 403), origin + ": " + e);
            }
            assertEquals(List.of(), StoreDump.diff(before, StoreDump.of(store)), "a refused page changed the store");
            // the same socket without a browser's Origin, and a page from the allowed origin, are served
            for (String origin : new String[] {null, "https://app.example.org"}) {
                try (RawGremlinSocket ok = RawGremlinSocket.open(server.endpoint(), origin, null)) {
                    ResponseMessage r = ok.eval("g.V().hasLabel('Entity').count()", null, null);
                    assertEquals(ResponseStatusCode.SUCCESS, r.getStatus().getCode(), r.getStatus().getMessage());
                }
            }
            // the Java driver sends its own origin (the server's address): it is served
            Cluster cluster = ServerTestSupport.cluster(p.port());
            try {
                assertEquals(135L, ServerTestSupport.remote(cluster).V().hasLabel("Entity").count().next());
            } finally {
                cluster.close();
            }
        }
    }

    /** The addresses of the listening sockets of {@code port}, as the kernel lists them in /proc/net. */
    private static List<InetAddress> listeningAddresses(int port) throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (Integer.parseInt(local[1], 16) == port && f[3].equals("0A")) {
                    out.add(kernelAddress(local[0]));
                }
            }
        }
        return out;
    }

    /** /proc/net writes an address as 32-bit words in host (little-endian) order, in hex. */
    private static InetAddress kernelAddress(String hex) throws Exception {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    @Test
    void theSocketActuallyOpened_isBoundToLoopbackOnly() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc/net/tcp to read the kernel's sockets");
        int port = ServerTestSupport.freePort();
        try (StrataServer server = StrataServer.start(store, ServerParameters.defaults(port))) {
            List<InetAddress> addresses = listeningAddresses(port);
            assertEquals(1, addresses.size(), "the kernel lists these listening addresses: " + addresses);
            // an IPv4-mapped ::ffff:127.0.0.1 reads back as 127.0.0.1; :: or 0.0.0.0 would fail here
            assertEquals(InetAddress.getByName("127.0.0.1"), addresses.get(0), "bound to " + addresses);
            assertTrue(server.boundAddress().getAddress().isLoopbackAddress(), server.boundAddress().toString());
            assertEquals(port, server.boundAddress().getPort());
            assertEquals("ws://127.0.0.1:" + port + "/gremlin", server.endpoint());
        }
        assertEquals(List.of(), listeningAddresses(port), "the socket is closed with the server");
    }

    @Test
    void bindingBeyondLoopback_needsAuthenticationAndTls_unlessInsecure() throws Exception {
        Path users = dir.resolve("users-bind");
        PasswordFile.setPassword(users, "alice", "correct horse".toCharArray());
        ServerParameters local = ServerParameters.defaults(8182);
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> local.withHost("0.0.0.0"));
        assertTrue(open.getMessage().contains("without authentication"), open.getMessage());
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class,
                () -> local.withAuthFile(users).withHost("0.0.0.0"));
        assertTrue(clear.getMessage().contains("clear text"), clear.getMessage());
        ServerParameters.Security insecure = new ServerParameters.Security(null, null, List.of(), true);
        assertEquals("0.0.0.0", local.withSecurity(insecure).withHost("0.0.0.0").host(), "--insecure allows it");
        assertTrue(ServerParameters.isLoopback("localhost") && ServerParameters.isLoopback("::1")
                && !ServerParameters.isLoopback("0.0.0.0"));
    }

    /** A self-signed certificate for 127.0.0.1 in a PKCS#12 file, made by the JDK's keytool. */
    private static Path keystore(String password) throws Exception {
        Path p12 = dir.resolve("server.p12");
        if (!Files.exists(p12)) {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process k = new ProcessBuilder(keytool, "-genkeypair", "-alias", "strata", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password)
                    .redirectErrorStream(true).start();
            String log = new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, k.waitFor(), "keytool failed: " + log);
        }
        return p12;
    }

    @Test
    void tls_fromPkcs12_andFromAPemPair_servesWss_andRefusesPlainWebsockets() throws Exception {
        char[] password = "changeit-please".toCharArray();
        Path p12 = keystore(new String(password));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, password);
        }
        Certificate cert = ks.getCertificate("strata");
        PrivateKey key = (PrivateKey) ks.getKey("strata", password);
        Path pemCert = dir.resolve("server.crt");
        Path pemKey = dir.resolve("server.key");
        Files.writeString(pemCert, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(pemKey, pem("PRIVATE KEY", key.getEncoded()));
        for (ServerParameters.Tls tls : List.of(new ServerParameters.Tls(p12, null, password),
                new ServerParameters.Tls(pemCert, pemKey, null))) {
            ServerParameters p = ServerParameters.defaults(ServerTestSupport.freePort()).withTls(tls);
            try (StrataServer server = StrataServer.start(store, p)) {
                assertTrue(server.endpoint().startsWith("wss://127.0.0.1:"), server.endpoint());
                Cluster secure = Cluster.build("127.0.0.1").port(p.port()).enableSsl(true)
                        .trustStore(p12.toString()).trustStorePassword(new String(password)).trustStoreType("PKCS12").create();
                try {
                    assertEquals(135L, ServerTestSupport.remote(secure).V().hasLabel("Entity").count().next());
                } finally {
                    secure.close();
                }
                Exception plain = assertThrows(Exception.class,
                        () -> RawGremlinSocket.open("ws://127.0.0.1:" + p.port() + "/gremlin", null, null));
                assertFalse(RawGremlinSocket.refusedWith(plain, 101), "a plain websocket was accepted");
            }
        }
        Exception wrong = assertThrows(IllegalStateException.class, () -> StrataServer.start(store,
                ServerParameters.defaults(ServerTestSupport.freePort()).withTls(
                        new ServerParameters.Tls(p12, null, "wrong".toCharArray()))));
        assertTrue(rootMessage(wrong).contains("password") || wrong.getMessage().contains("server.p12"), wrong.getMessage());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static long gremlinThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("gremlin-server")).count();
    }

    @Test
    void aFailedStart_leavesNothingRunning_andTheStoreAsItWas() throws Exception {
        long threads = gremlinThreads();
        int port = ServerTestSupport.freePort();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> StrataServer.start(store, ServerParameters.defaults(port).withWrites(true)));
            assertTrue(e.getMessage().contains("cannot start the Gremlin Server on 127.0.0.1:" + port), e.getMessage());
        }
        assertEquals(org.strata.graph.store.ClientWriteMode.GOVERNED, store.clientWriteMode(),
                "the store's write mode is restored");
        assertEquals(135L, store.graph().traversal().V().hasLabel("Entity").count().next(), "the store is still open");
        store.graph().tx().rollback();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gremlinThreads() > threads && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(threads, gremlinThreads(), "the failed start left Gremlin Server threads running");
        try (StrataServer again = StrataServer.start(store, ServerParameters.defaults(port))) {
            assertEquals(port, again.boundAddress().getPort(), "the port is free again");
        }
    }

    @Test
    void sessions_areLimitedInNumber() throws Exception {
        ServerParameters p = ServerParameters.defaults(ServerTestSupport.freePort()).withMaxSessions(2);
        try (StrataServer server = StrataServer.start(store, p)) {
            Cluster cluster = ServerTestSupport.cluster(p.port());
            try {
                List<Client> open = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Client s = cluster.connect("session-" + i);
                    assertEquals(135L, s.submit("g.V().hasLabel('Entity').count()").one().getLong());
                    open.add(s);
                }
                Client third = cluster.connect("session-2");
                Exception e = assertThrows(Exception.class, () -> third.submit("g.V().count()").all().get());
                assertTrue(rootMessage(e).contains("sessions open, its limit"), rootMessage(e));
                // sessionless requests are not sessions
                assertEquals(135L, cluster.connect().submit("g.V().hasLabel('Entity').count()").one().getLong());
                open.get(0).close();
                long deadline = System.nanoTime() + 20_000_000_000L;
                Long counted = null;
                while (counted == null && System.nanoTime() < deadline) {
                    try {
                        counted = cluster.connect("session-3").submit("g.V().hasLabel('Entity').count()").one().getLong();
                    } catch (Exception retry) {
                        Thread.sleep(200);
                    }
                }
                assertEquals(135L, counted, "a closed session frees its place");
            } finally {
                cluster.close();
            }
        }
    }

    @Test
    void failedLogins_lockTheirAddressOut_whileOtherAddressesAreServed() throws Exception {
        Path users = dir.resolve("users-throttle");
        PasswordFile.setPassword(users, "alice", "correct horse".toCharArray());
        ServerParameters p = ServerParameters.defaults(ServerTestSupport.freePort()).withAuthFile(users);
        InetAddress attacker = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (StrataServer server = StrataServer.start(store, p)) {
            for (int i = 0; i < 5; i++) {
                String user = i % 2 == 0 ? "alice" : "mallory";
                try (RawGremlinSocket s = RawGremlinSocket.open(server.endpoint(), null, attacker)) {
                    ResponseMessage r = s.eval("g.V().count()", user, "guess " + i);
                    assertEquals(ResponseStatusCode.UNAUTHORIZED, r.getStatus().getCode(), r.getStatus().getMessage());
                }
            }
            try (RawGremlinSocket s = RawGremlinSocket.open(server.endpoint(), null, attacker)) {
                ResponseMessage r = s.eval("g.V().hasLabel('Entity').count()", "alice", "correct horse");
                assertEquals(ResponseStatusCode.UNAUTHORIZED, r.getStatus().getCode(), "the right password got in during "
                        + "the lockout: " + r.getStatus().getMessage());
                assertTrue(r.getStatus().getMessage().contains("too many failed logins"), r.getStatus().getMessage());
            }
            try (RawGremlinSocket s = RawGremlinSocket.open(server.endpoint(), null, other)) {
                ResponseMessage r = s.eval("g.V().hasLabel('Entity').count()", "alice", "correct horse");
                assertEquals(ResponseStatusCode.SUCCESS, r.getStatus().getCode(), r.getStatus().getMessage());
            }
        }
    }
}
