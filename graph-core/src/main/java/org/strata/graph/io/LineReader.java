package org.strata.graph.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a text file line by line with the checks every Strata input gets: strict UTF-8 (an invalid byte
 * sequence is an error, never a replacement character), a maximum line length in bytes, LF or CRLF
 * endings; a UTF-8 byte-order mark at the start is dropped (and reported), never read as text. It
 * also computes the SHA-256 of the bytes it read, for provenance.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class LineReader implements Closeable {

    /** The longest line accepted, in bytes, without its line ending. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final Path file;
    private final InputStream in;
    private final MessageDigest digest;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private CharBuffer chars = CharBuffer.allocate(256);
    private long lineNumber;
    private boolean eof;
    private boolean byteOrderMark;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Opens a file; an unreadable file is an {@link InputException} naming it. */
    public LineReader(Path file) {
        this.file = file;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file, "cannot read: is a directory", null);
        }
        try {
            this.in = new DigestInputStream(Files.newInputStream(file), digest);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? kind : e.getMessage();
        };
    }

    /** Receives the non-empty lines of a file with their 1-based numbers. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(String line, long number);
    }

    /**
     * Reads every non-empty line of a file with all the checks of this class.
     *
     * @return the SHA-256 of the file's bytes, in hex
     */
    public static String forEachLine(Path file, LineConsumer consumer) {
        return read(file, consumer).sha256();
    }

    /** What reading a whole file found besides its lines. */
    public record Read(String sha256, boolean byteOrderMark) {
    }

    /** Reads every non-empty line of a file as {@link #forEachLine} does; says whether a byte-order mark was dropped. */
    public static Read read(Path file, LineConsumer consumer) {
        try (LineReader reader = new LineReader(file)) {
            String text;
            while ((text = reader.next()) != null) {
                if (!text.isEmpty()) {
                    consumer.accept(text, reader.lineNumber());
                }
            }
            return new Read(reader.sha256(), reader.byteOrderMark());
        }
    }

    /** The 1-based number of the line last returned by {@link #next()}. */
    public long lineNumber() {
        return lineNumber;
    }

    public Path file() {
        return file;
    }

    /**
     * Returns the next line without its ending, or {@code null} at the end of the file.
     *
     * @throws InputException for a line over {@link #MAX_LINE_BYTES}, invalid UTF-8 or a read error
     */
    public String next() {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                eof = true;
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            byte b = buffer[bufferPos++];
            if (b == '\n') {
                break;
            }
            if (length == MAX_LINE_BYTES + 1) {
                continue; // already over the limit; reported below once the line number is known
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE_BYTES + 2));
            }
            line[length++] = b;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > MAX_LINE_BYTES) {
            throw new InputException(file, lineNumber, "line is longer than " + MAX_LINE_BYTES + " bytes");
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw new InputException(file, lineNumber, "invalid UTF-8 at byte " + (bytes.position() + 1));
        }
        chars.flip();
        if (lineNumber == 1 && chars.length() > 0 && chars.charAt(0) == BYTE_ORDER_MARK) {
            chars.position(1); // a byte-order mark is no part of the first field
            byteOrderMark = true;
        }
        return chars.toString();
    }

    /** Whether the file began with a UTF-8 byte-order mark (dropped from the first line). */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            bufferPos = 0;
            bufferEnd = n;
            return true;
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + describe(e), e);
        }
    }

    /** The SHA-256 of everything read so far, in hex; call after the last line. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new InputException(file, "cannot close: " + describe(e), e);
        }
    }
}
