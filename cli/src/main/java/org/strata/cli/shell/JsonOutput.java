package org.strata.cli.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import org.strata.graph.io.AtomicFile;

/** Writes command results as indented JSON files (records keep their component order). */
public final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    public static void write(Path file, Object value) {
        AtomicFile.write(file, w -> JSON.writeValue(w, value));
    }
}
