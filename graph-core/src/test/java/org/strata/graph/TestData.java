package org.strata.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test data is, and small helpers to write text files. */
public final class TestData {

    private TestData() {
    }

    /** The UMLS dataset bundled with the project. */
    public static Path umls() {
        Path p = Path.of("..", "datasets", "umls").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("train.txt")), "bundled UMLS missing at " + p);
        return p;
    }

    /** A benchmark dataset from ../shared/data/kg (beside the repository, as on CI). */
    public static Path shared(String name) {
        Path p = Path.of("..", "..", "shared", "data", "kg", name).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("train.txt")),
                "benchmark data missing at " + p + " (the repository expects ../shared beside it)");
        return p;
    }

    /** Writes a UTF-8 text file. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes triples given as {@code "a r b; b s c"} as a TSV file. */
    public static Path triples(Path dir, String name, String triples) {
        StringBuilder sb = new StringBuilder();
        for (String t : triples.split(";")) {
            String s = t.strip();
            if (!s.isEmpty()) {
                sb.append(String.join("\t", s.split("\\s+"))).append('\n');
            }
        }
        return write(dir, name, sb.toString());
    }
}
