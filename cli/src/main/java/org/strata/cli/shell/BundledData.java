package org.strata.cli.shell;

import java.io.IOException;
import java.io.InputStream;
import org.strata.graph.io.AtomicFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The datasets packaged in the CLI jar, extracted to files so that imports can cite file and line. */
public final class BundledData {

    /** The files of the bundled UMLS dataset. */
    public static final List<String> UMLS_FILES = List.of("train.txt", "valid.txt", "test.txt", "entity_names.tsv",
            "entity_descriptions.tsv", "README.md", "LICENSE-ConvE-MIT.txt");

    private BundledData() {
    }

    /** Writes the bundled dataset {@code name} into {@code dir} (files that already match are left alone). */
    public static Path extract(String name, List<String> files, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : files) {
                String resource = "/strata/datasets/" + name + "/" + f;
                byte[] bytes;
                try (InputStream in = BundledData.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the CLI jar lacks " + resource + "; rebuild it");
                    }
                    bytes = in.readAllBytes();
                }
                Path target = dir.resolve(f);
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                    continue;
                }
                AtomicFile.write(target, bytes);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract dataset " + name + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
