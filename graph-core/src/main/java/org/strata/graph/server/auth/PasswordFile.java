package org.strata.graph.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.strata.graph.io.AtomicFile;
import org.strata.graph.io.InputException;

/**
 * A file of users and salted password hashes for Gremlin Server authentication; passwords never touch
 * the disk in plain text.
 *
 * <p>One user a line: {@code user:pbkdf2-sha256:ITERATIONS:SALT:HASH}, salt and hash in Base64, PBKDF2
 * with HMAC-SHA-256, a 16-byte random salt and a 32-byte hash. Lines starting with {@code #} are
 * comments. Verification takes constant time in the hash comparison. Immutable once read; thread-safe.
 */
public final class PasswordFile {

    static final String SCHEME = "pbkdf2-sha256";
    /** Iterations for new hashes; high enough to make offline guessing slow, low enough for many logins. */
    public static final int ITERATIONS = 120_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many PBKDF2 hashes this process computed: what a login throttle must keep bounded. */
    static final java.util.concurrent.atomic.AtomicLong HASHES = new java.util.concurrent.atomic.AtomicLong();

    private record Entry(int iterations, byte[] salt, byte[] hash) {
    }

    private final Map<String, Entry> users;

    private PasswordFile(Map<String, Entry> users) {
        this.users = users;
    }

    /** Reads a password file; a malformed line is an {@link InputException} naming file and line. */
    public static PasswordFile read(Path file) {
        Map<String, Entry> users = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, "cannot read password file: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 5 || !f[1].equals(SCHEME)) {
                throw new InputException(file, i + 1, "expected user:" + SCHEME + ":ITERATIONS:SALT:HASH");
            }
            try {
                users.put(f[0], new Entry(Integer.parseInt(f[2]), Base64.getDecoder().decode(f[3]),
                        Base64.getDecoder().decode(f[4])));
            } catch (IllegalArgumentException e) {
                throw new InputException(file, i + 1, "bad iterations, salt or hash: " + e.getMessage());
            }
        }
        return new PasswordFile(users);
    }

    /** Whether {@code password} is the password of {@code user}. */
    public boolean verify(String user, char[] password) {
        Entry e = users.get(user);
        if (e == null) {
            // spend the same time as a real check, so timing does not reveal which users exist
            hash(password, new byte[16], ITERATIONS);
            return false;
        }
        return MessageDigest.isEqual(e.hash(), hash(password, e.salt(), e.iterations()));
    }

    public int size() {
        return users.size();
    }

    /**
     * Adds or replaces a user in a password file (created if missing, readable by its owner only), writing
     * it atomically.
     */
    public static void setPassword(Path file, String user, char[] password) {
        if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user name must be non-empty, without ':' or spaces, got '" + user + "'");
        }
        if (password.length < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters, got " + password.length);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                read(file);
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        lines.put(s.substring(0, s.indexOf(':')), s);
                    }
                }
            }
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            byte[] hash = hash(password, salt, ITERATIONS);
            lines.put(user, user + ":" + SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt)
                    + ":" + Base64.getEncoder().encodeToString(hash));
            StringBuilder sb = new StringBuilder("# Strata Gremlin Server users (strata passwd); salted PBKDF2 hashes\n");
            for (String l : lines.values()) {
                sb.append(l).append('\n');
            }
            AtomicFile.write(file, AtomicFile.PRIVATE, w -> w.write(sb.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write password file " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] hash(char[] password, byte[] salt, int iterations) {
        HASHES.incrementAndGet();
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
