package org.strata.graph.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.strata.graph.io.TripleFormat;

/**
 * What to import: triple files in one format, optionally an {@code id<TAB>name} file of readable names.
 *
 * @param files     the triple files, read in order
 * @param format    their line format
 * @param namesFile readable names for entity ids, or {@code null}
 * @param command   the command line that asked for the import, recorded in the delta
 * @param batchSize facts written per store transaction
 * @param writers   parallel writer threads
 */
public record ImportRequest(List<Path> files, TripleFormat format, Path namesFile, String command, int batchSize,
                            int writers) {

    /** Facts per transaction; measured on FB15k-237, 1,000 to 10,000 all import at about the same rate. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** Parallel writers; two beat one and four on a 2-core machine. */
    public static final int DEFAULT_WRITERS = 2;

    public ImportRequest {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("an import needs at least one file");
        }
        Objects.requireNonNull(format, "format");
        command = command == null ? "import" : command;
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 1000000, got " + batchSize);
        }
        if (writers < 1 || writers > 64) {
            throw new IllegalArgumentException("writers must be between 1 and 64, got " + writers);
        }
    }

    /** A request with the default batch size and writers. */
    public static ImportRequest of(List<Path> files, TripleFormat format, Path namesFile, String command) {
        return new ImportRequest(files, format, namesFile, command, DEFAULT_BATCH_SIZE, DEFAULT_WRITERS);
    }
}
