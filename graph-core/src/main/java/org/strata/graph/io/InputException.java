package org.strata.graph.io;

import java.nio.file.Path;

/**
 * Bad input: a file that cannot be read, or a line that is not what its format requires.
 *
 * <p>The message always starts with the place, {@code FILE:LINE: what is wrong}, or {@code FILE: what is
 * wrong} when the problem is not on one line, so that a person can go straight to it.
 */
public final class InputException extends RuntimeException {

    private final String file;
    private final long line;

    /** A problem on one line (1-based). */
    public InputException(Path file, long line, String problem) {
        this(file.toString(), line, problem, null);
    }

    /** A problem with a whole file. */
    public InputException(Path file, String problem, Throwable cause) {
        this(file.toString(), 0, problem, cause);
    }

    private InputException(String file, long line, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
