package org.strata.graph.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file all at once or not at all: the content goes to a hidden temporary file beside the
 * target, which then replaces the target in one atomic rename. A reader never sees half a file, and
 * a failed write leaves the old file (or no file) in place.
 */
public final class AtomicFile {

    /** Permissions of ordinary output files: readable by everyone, writable by the owner. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    /** Permissions of secrets, such as password files: the owner only. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    /** Writes text into the open writer; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes UTF-8 text with {@link #PUBLIC} permissions. */
    public static void write(Path target, Content content) {
        write(target, PUBLIC, content);
    }

    /** Writes bytes with {@link #PUBLIC} permissions. */
    public static void write(Path target, byte[] bytes) {
        replace(target, PUBLIC, tmp -> Files.write(tmp, bytes));
    }

    /** Writes UTF-8 text with the given permissions (ignored on file systems without POSIX permissions). */
    public static void write(Path target, Set<PosixFilePermission> permissions, Content content) {
        replace(target, permissions, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
        });
    }

    private interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private static void replace(Path target, Set<PosixFilePermission> permissions, Filler filler) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            try {
                Files.setPosixFilePermissions(tmp, permissions);
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the platform's defaults apply
            }
            filler.fill(tmp);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
            throw new UncheckedIOException("cannot write " + target + ": " + LineReader.describe(e), e);
        }
    }
}
