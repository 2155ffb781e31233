package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Test data: the bundled UMLS, the shared benchmarks beside the repository, and small helpers. */
final class Data {

    private Data() {
    }

    static Path umls() {
        Path p = Path.of("..", "datasets", "umls").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("train.txt")), "bundled UMLS missing at " + p);
        return p;
    }

    static Path shared(String name) {
        Path p = Path.of("..", "..", "shared", "data", "kg", name).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(p.resolve("train.txt")),
                "benchmark data missing at " + p + " (the repository expects ../shared beside it)");
        return p;
    }

    /** The distinct non-empty lines of some files. */
    static Set<String> lines(Path... files) {
        Set<String> all = new TreeSet<>();
        try {
            for (Path f : files) {
                for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!l.isEmpty()) {
                        all.add(l);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
