package org.strata.graph.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a file of triples in one {@link TripleFormat}, checking every line: the field count, empty
 * fields, strict UTF-8 and the line length. The first bad line stops the read with an
 * {@link InputException} that names file, line and field. Empty lines are skipped.
 */
public final class TripleReader {

    private static final String[] FIELDS = {"head", "relation", "tail"};
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TripleReader() {
    }

    /**
     * Reads all triples of a file into a sink.
     *
     * @return the SHA-256 of the file's bytes, in hex
     */
    public static String read(Path file, TripleFormat format, TripleSink sink) {
        return readFile(file, format, sink).sha256();
    }

    /** Reads all triples of a file into a sink; says whether a byte-order mark was dropped from its start. */
    public static LineReader.Read readFile(Path file, TripleFormat format, TripleSink sink) {
        return LineReader.read(file, (text, line) -> {
            switch (format) {
                case TSV -> readTsv(file, line, text, sink);
                case JSONL -> readJson(file, line, text, sink);
                case GRAPHDOC -> throw new IllegalArgumentException(file + ": graphdoc records are not triples; "
                        + "'strata import --format graphdoc' admits them through the governance gate");
            }
        });
    }

    private static void readTsv(Path file, long line, String text, TripleSink sink) {
        int a = text.indexOf('\t');
        int b = a < 0 ? -1 : text.indexOf('\t', a + 1);
        if (a < 0 || b < 0 || text.indexOf('\t', b + 1) >= 0) {
            throw new InputException(file, line, "expected 3 tab-separated fields, got " + fieldCount(text));
        }
        String head = text.substring(0, a);
        String relation = text.substring(a + 1, b);
        String tail = text.substring(b + 1);
        requireText(file, line, 0, head);
        requireText(file, line, 1, relation);
        requireText(file, line, 2, tail);
        sink.accept(head, relation, tail, line);
    }

    static int fieldCount(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\t') {
                n++;
            }
        }
        return n;
    }

    private static void requireText(Path file, long line, int field, String value) {
        if (value.isBlank()) {
            throw new InputException(file, line, "field " + (field + 1) + " (" + FIELDS[field] + ") is empty");
        }
    }

    private static void readJson(Path file, long line, String text, TripleSink sink) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, line, "invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InputException(file, line, "expected a JSON object with head, relation and tail");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!key.equals("head") && !key.equals("relation") && !key.equals("tail")) {
                throw new InputException(file, line, "unknown field \"" + key + "\" (expected head, relation, tail)");
            }
        }
        String[] values = new String[3];
        for (int i = 0; i < 3; i++) {
            JsonNode v = node.get(FIELDS[i]);
            if (v == null || v.isNull()) {
                throw new InputException(file, line, "field \"" + FIELDS[i] + "\" is missing");
            }
            if (!v.isTextual()) {
                throw new InputException(file, line, "field \"" + FIELDS[i] + "\" must be a string, got "
                        + v.getNodeType().name().toLowerCase());
            }
            values[i] = v.textValue();
            if (values[i].isBlank()) {
                throw new InputException(file, line, "field \"" + FIELDS[i] + "\" is empty");
            }
        }
        sink.accept(values[0], values[1], values[2], line);
    }
}
