package org.strata.llm.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.strata.graph.io.AtomicFile;

/**
 * Responses on disk, one file per request, named by the SHA-256 of model, messages and schema: running
 * the same extraction again costs no call. Files are written atomically, so a crash leaves no half entry.
 */
final class ResponseCache {

    private final Path dir;

    public ResponseCache(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the LLM cache directory " + dir, e);
        }
    }

    /** The key of a request. */
    public static String key(String model, String system, String user, String schema) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {model, system, user, schema}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                d.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
                d.update(b);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached response, or null. */
    public String get(String key) {
        Path f = dir.resolve(key + ".json");
        try {
            return Files.isRegularFile(f) ? Files.readString(f) : null;
        } catch (IOException e) {
            return null; // an unreadable entry is a miss
        }
    }

    public void put(String key, String response) {
        AtomicFile.write(dir.resolve(key + ".json"), response.getBytes(StandardCharsets.UTF_8));
    }
}
