package org.strata.graph.server.auth;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticatedUser;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticationException;
import org.apache.tinkerpop.gremlin.server.auth.Authenticator;

/**
 * Gremlin Server authentication against a {@link PasswordFile}: SASL PLAIN over the websocket (what
 * TinkerPop drivers send for a username and password) and username/password credentials. Configured with
 * {@code file} = the password file's path, and optionally {@code lockoutMillis} (default 30 s), the first
 * lockout of an address after {@value LoginThrottle#MAX_FAILURES} failed logins ({@link LoginThrottle}).
 */
public final class PasswordFileAuthenticator implements Authenticator {

    /** The configuration key holding the password file's path. */
    public static final String CONFIG_FILE = "file";
    /** The configuration key holding the first lockout, in milliseconds. */
    public static final String CONFIG_LOCKOUT_MILLIS = "lockoutMillis";

    private PasswordFile users;
    private LoginThrottle throttle;

    @Override
    public boolean requireAuthentication() {
        return true;
    }

    @Override
    public void setup(Map<String, Object> config) {
        Object file = config == null ? null : config.get(CONFIG_FILE);
        if (file == null) {
            throw new IllegalArgumentException("PasswordFileAuthenticator needs '" + CONFIG_FILE + "' in its config");
        }
        users = PasswordFile.read(Path.of(file.toString()));
        Object lockout = config.get(CONFIG_LOCKOUT_MILLIS);
        throttle = new LoginThrottle(lockout == null ? 30_000 : Long.parseLong(lockout.toString()), System::currentTimeMillis);
        if (users.size() == 0) {
            throw new IllegalArgumentException("password file " + file + " has no users (add one with 'strata passwd')");
        }
    }

    @Override
    public SaslNegotiator newSaslNegotiator(InetAddress address) {
        return new PlainNegotiator(address);
    }

    @Override
    public AuthenticatedUser authenticate(Map<String, String> credentials) throws AuthenticationException {
        String user = credentials.get("username");
        String password = credentials.get("password");
        if (user == null || password == null) {
            throw new AuthenticationException("username and password are required");
        }
        return check(user, password.toCharArray(), null);
    }

    private AuthenticatedUser check(String user, char[] password, InetAddress address) throws AuthenticationException {
        try {
            String refusal = throttle.refusal(address);
            if (refusal != null) {
                throw new AuthenticationException(refusal);
            }
            boolean[] ok = new boolean[1];
            boolean checked;
            try {
                checked = throttle.withPermit(() -> ok[0] = users.verify(user, password));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException("interrupted while checking the password");
            }
            if (!checked) {
                throw new AuthenticationException("the server is busy checking other logins; try again");
            }
            if (!ok[0]) {
                throttle.failed(address);
                throw new AuthenticationException("Username and/or password are incorrect");
            }
            throttle.succeeded(address);
            return new AuthenticatedUser(user);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** SASL PLAIN: {@code [authzid] NUL authcid NUL password}, in one client message. */
    private final class PlainNegotiator implements SaslNegotiator {
        private final InetAddress address;
        private AuthenticatedUser user;

        PlainNegotiator(InetAddress address) {
            this.address = address;
        }

        @Override
        public byte[] evaluateResponse(byte[] response) throws AuthenticationException {
            int first = indexOf(response, 0);
            int second = first < 0 ? -1 : indexOf(response, first + 1);
            if (first < 0 || second < 0) {
                throw new AuthenticationException("malformed SASL PLAIN response");
            }
            String name = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(
                    java.nio.ByteBuffer.wrap(response, second + 1, response.length - second - 1));
            char[] password = Arrays.copyOfRange(chars.array(), chars.arrayOffset() + chars.position(),
                    chars.arrayOffset() + chars.limit());
            Arrays.fill(chars.array(), '\0');
            user = check(name, password, address);
            return null;
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean isComplete() {
            return user != null;
        }

        @Override
        public AuthenticatedUser getAuthenticatedUser() throws AuthenticationException {
            if (user == null) {
                throw new AuthenticationException("SASL negotiation is not complete");
            }
            return user;
        }
    }
}
