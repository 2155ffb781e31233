package org.strata.graph.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticationException;
import org.apache.tinkerpop.gremlin.server.auth.Authenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authenticator against guessing: after five failures an address is locked out without any PBKDF2
 * run (counted), other addresses are not, the lockout ends, and unknown users cost the same as known ones.
 */
class PasswordFileAuthenticatorTest {

    @TempDir
    Path dir;

    private PasswordFileAuthenticator authenticator(long lockoutMillis) {
        Path users = dir.resolve("users");
        PasswordFile.setPassword(users, "alice", "correct horse".toCharArray());
        PasswordFileAuthenticator a = new PasswordFileAuthenticator();
        a.setup(Map.of(PasswordFileAuthenticator.CONFIG_FILE, users.toString(),
                PasswordFileAuthenticator.CONFIG_LOCKOUT_MILLIS, lockoutMillis));
        return a;
    }

    private static void login(Authenticator a, InetAddress from, String user, String password) throws AuthenticationException {
        Authenticator.SaslNegotiator n = a.newSaslNegotiator(from);
        n.evaluateResponse(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        assertTrue(n.isComplete());
    }

    @Test
    void fiveFailures_lockTheAddress_withoutHashing_andTheLockEnds() throws Exception {
        PasswordFileAuthenticator a = authenticator(300);
        InetAddress attacker = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            String user = i % 2 == 0 ? "alice" : "nobody-" + i;
            assertThrows(AuthenticationException.class, () -> login(a, attacker, user, "wrong"));
        }
        long hashes = PasswordFile.HASHES.get();
        for (int i = 0; i < 100; i++) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> login(a, attacker, "alice", "correct horse"));
            assertTrue(e.getMessage().contains("too many failed logins from 127.0.0.1"), e.getMessage());
        }
        assertEquals(hashes, PasswordFile.HASHES.get(), "a locked-out address made the server hash passwords");
        login(a, other, "alice", "correct horse");
        Thread.sleep(400);
        login(a, attacker, "alice", "correct horse");
    }

    @Test
    void unknownUsers_costOneHashEach_likeKnownOnes() throws Exception {
        PasswordFileAuthenticator a = authenticator(60_000);
        InetAddress from = InetAddress.getByName("127.0.0.3");
        long before = PasswordFile.HASHES.get();
        assertThrows(AuthenticationException.class, () -> login(a, from, "nobody", "x"));
        assertThrows(AuthenticationException.class, () -> login(a, from, "alice", "x"));
        assertEquals(2, PasswordFile.HASHES.get() - before);
    }

    @Test
    void lockoutsDouble_whileFailuresGoOn_untilASuccess() {
        long[] now = {0};
        LoginThrottle t = new LoginThrottle(1_000, () -> now[0]);
        InetAddress a = InetAddress.getLoopbackAddress();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                t.failed(a);
            }
            assertTrue(t.refusal(a).contains("try again in " + (1 << round) + " s"), t.refusal(a));
            now[0] += 1_000L << round;
            assertEquals(null, t.refusal(a));
        }
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            t.failed(a);
        }
        assertTrue(t.refusal(a).contains("try again in 8 s"), t.refusal(a));
        now[0] += 8_000;
        t.succeeded(a);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            t.failed(a);
        }
        assertTrue(t.refusal(a).contains("try again in 1 s"), "a success starts the address afresh: " + t.refusal(a));
    }
}
