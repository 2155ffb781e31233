package org.strata.graph.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a store lives: an embedded directory (BerkeleyJE + Lucene, nothing to install), memory only (for
 * tests), or a JanusGraph properties file for a server backend (Cassandra/ScyllaDB + Elasticsearch).
 *
 * @param kind       which of the three
 * @param directory  the store directory, for {@link Kind#EMBEDDED}
 * @param configFile the JanusGraph properties file, for {@link Kind#CONFIG_FILE}
 */
public record StoreSpec(Kind kind, Path directory, Path configFile) {

    /** The kinds of store. */
    public enum Kind { EMBEDDED, IN_MEMORY, CONFIG_FILE }

    /** The name of the store directory that means "memory only". */
    public static final String IN_MEMORY_NAME = "inmemory";

    public StoreSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EMBEDDED && directory == null) {
            throw new IllegalArgumentException("an embedded store needs a directory");
        }
        if (kind == Kind.CONFIG_FILE && configFile == null) {
            throw new IllegalArgumentException("a configured store needs a JanusGraph properties file");
        }
    }

    public static StoreSpec embedded(Path directory) {
        return new StoreSpec(Kind.EMBEDDED, directory, null);
    }

    public static StoreSpec inMemory() {
        return new StoreSpec(Kind.IN_MEMORY, null, null);
    }

    public static StoreSpec configFile(Path file) {
        return new StoreSpec(Kind.CONFIG_FILE, null, file);
    }

    /** From the CLI's two options: a properties file wins; {@code inmemory} as directory means memory. */
    public static StoreSpec of(Path directory, Path configFile) {
        if (configFile != null) {
            return configFile(configFile);
        }
        if (directory != null && directory.toString().equals(IN_MEMORY_NAME)) {
            return inMemory();
        }
        return embedded(directory);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EMBEDDED -> directory.toString();
            case IN_MEMORY -> IN_MEMORY_NAME;
            case CONFIG_FILE -> configFile.toString();
        };
    }
}
