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
 * {@code file} = the password file's path.
 */
public final class PasswordFileAuthenticator implements Authenticator {

    /** The configuration key holding the password file's path. */
    public static final String CONFIG_FILE = "file";

    private PasswordFile users;

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
        if (users.size() == 0) {
            throw new IllegalArgumentException("password file " + file + " has no users (add one with 'strata passwd')");
        }
    }

    @Override
    public SaslNegotiator newSaslNegotiator(InetAddress address) {
        return new PlainNegotiator();
    }

    @Override
    public AuthenticatedUser authenticate(Map<String, String> credentials) throws AuthenticationException {
        String user = credentials.get("username");
        String password = credentials.get("password");
        if (user == null || password == null) {
            throw new AuthenticationException("username and password are required");
        }
        return check(user, password.toCharArray());
    }

    private AuthenticatedUser check(String user, char[] password) throws AuthenticationException {
        try {
            if (!users.verify(user, password)) {
                throw new AuthenticationException("Username and/or password are incorrect");
            }
            return new AuthenticatedUser(user);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** SASL PLAIN: {@code [authzid] NUL authcid NUL password}, in one client message. */
    private final class PlainNegotiator implements SaslNegotiator {
        private AuthenticatedUser user;

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
            user = check(name, password);
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
