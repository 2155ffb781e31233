package org.strata.graph.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code id<TAB>text} file, such as the readable names of a benchmark's entities, into a map.
 * Every line must have exactly two non-empty fields; an id given twice is an error.
 */
public final class AttributeReader {

    private AttributeReader() {
    }

    /** Reads the whole file; {@code what} names the second field in messages ("name"). */
    public static Map<String, String> read(Path file, String what) {
        Map<String, String> values = new LinkedHashMap<>();
        LineReader.forEachLine(file, (text, line) -> {
            int tab = text.indexOf('\t');
            if (tab < 0 || text.indexOf('\t', tab + 1) >= 0) {
                throw new InputException(file, line,
                        "expected 2 tab-separated fields (id, " + what + "), got " + TripleReader.fieldCount(text));
            }
            String id = text.substring(0, tab);
            String value = text.substring(tab + 1);
            if (id.isBlank()) {
                throw new InputException(file, line, "field 1 (id) is empty");
            }
            if (value.isBlank()) {
                throw new InputException(file, line, "field 2 (" + what + ") is empty");
            }
            if (values.putIfAbsent(id, value) != null) {
                throw new InputException(file, line, "id '" + id + "' was already given a " + what);
            }
        });
        return values;
    }
}
