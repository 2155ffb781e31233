package org.strata.llm.graphdoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.strata.graph.io.InputException;
import org.strata.graph.io.LineReader;
import org.strata.llm.extract.Extraction;
import org.strata.llm.extract.ExtractionSchema;
import org.strata.llm.propose.ProposalBuilder;

/**
 * Reads "bring your own extraction" files: JSON lines, each either one record
 * <pre>
 * {"kind": "entity", "name": "Virus", "type": "organism", "description": "...", "aliases": ["viruses"]}
 * {"kind": "relationship", "source": "Virus", "target": "Bacterium", "relation": "infects",
 *  "description": "...", "source_ids": ["doc1#3"]}
 * </pre>
 * or a whole LangChain {@code GraphDocument}: {@code {"nodes": [{"id", "type", "properties"}],
 * "relationships": [{"source": {"id"}, "target": {"id"}, "type", "properties"}], "source": {...}}}.
 * Relation labels are normalised to lower snake case. Every problem is reported with file, line and
 * field, and nothing is returned then (so nothing is written).
 */
public final class GraphDocReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphDocReader() {
    }

    /**
     * The records of one file: first every entity record (so that their names and aliases are known),
     * then each relationship record and each GraphDocument in line order, each its own source.
     */
    public static List<ProposalBuilder.Sourced> read(Path file) {
        List<Object> lines = new ArrayList<>(); // a GraphDocument's Sourced, or a deferred relationship
        Map<String, Extraction.Entity> entities = new LinkedHashMap<>();
        LineReader.forEachLine(file, (text, line) -> {
            if (text.isBlank()) {
                return;
            }
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (Exception e) {
                throw new InputException(file, line, "not a JSON object");
            }
            if (n == null || !n.isObject()) {
                throw new InputException(file, line, "not a JSON object");
            }
            if (n.has("nodes") || n.has("relationships")) {
                List<ProposalBuilder.Sourced> one = new ArrayList<>();
                graphDocument(file, line, n, one);
                lines.addAll(one);
                return;
            }
            String kind = text(file, line, n, "kind", true);
            switch (kind) {
                case "entity" -> {
                    Extraction.Entity e = new Extraction.Entity(text(file, line, n, "name", true),
                            text(file, line, n, "type", false), text(file, line, n, "description", false),
                            strings(file, line, n, "aliases"));
                    entities.put(e.name(), e);
                }
                case "relationship" -> lines.add(new Object[] {line, new Extraction.Relation(
                        text(file, line, n, "source", true), label(file, line, text(file, line, n, "relation", true)),
                        text(file, line, n, "target", true), text(file, line, n, "description", false)),
                        strings(file, line, n, "source_ids")});
                default -> throw new InputException(file, line, "field 'kind': '" + kind
                        + "' is neither 'entity' nor 'relationship'");
            }
        });
        List<ProposalBuilder.Sourced> out = new ArrayList<>();
        if (!entities.isEmpty()) {
            out.add(new ProposalBuilder.Sourced(file + " (entity records)", new Extraction(
                    List.copyOf(entities.values()), List.of())));
        }
        for (Object item : lines) {
            if (item instanceof ProposalBuilder.Sourced doc) {
                out.add(doc);
                continue;
            }
            Object[] r = (Object[]) item;
            long line = (Long) r[0];
            Extraction.Relation rel = (Extraction.Relation) r[1];
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) r[2];
            List<Extraction.Entity> ends = new ArrayList<>();
            for (String name : new String[] {rel.source(), rel.target()}) {
                Extraction.Entity e = entities.get(name);
                ends.add(e != null ? e : new Extraction.Entity(name, "", "", List.of()));
            }
            out.add(new ProposalBuilder.Sourced(file + ":" + line + (ids.isEmpty() ? "" : " " + String.join(",", ids)),
                    new Extraction(ends.get(0).name().equals(ends.get(1).name()) ? List.of(ends.get(0)) : ends,
                            List.of(rel))));
        }
        return out;
    }

    private static void graphDocument(Path file, long line, JsonNode n, List<ProposalBuilder.Sourced> out) {
        List<Extraction.Entity> entities = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        JsonNode nodes = n.path("nodes");
        if (!nodes.isArray()) {
            throw new InputException(file, line, "field 'nodes': must be an array");
        }
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String id = text(file, line, node, "id", true, "nodes[" + i + "].");
            String description = node.path("properties").path("description").asText("");
            entities.add(new Extraction.Entity(id, node.path("type").asText(""), description, List.of()));
            ids.add(id);
        }
        List<Extraction.Relation> relations = new ArrayList<>();
        JsonNode rels = n.path("relationships");
        if (!rels.isMissingNode() && !rels.isArray()) {
            throw new InputException(file, line, "field 'relationships': must be an array");
        }
        for (int i = 0; i < rels.size(); i++) {
            JsonNode r = rels.get(i);
            String at = "relationships[" + i + "].";
            String source = text(file, line, r.path("source"), "id", true, at + "source.");
            String target = text(file, line, r.path("target"), "id", true, at + "target.");
            for (String end : new String[] {source, target}) {
                if (!ids.contains(end)) {
                    throw new InputException(file, line, "field '" + at + "': node '" + end + "' is not in 'nodes'");
                }
            }
            relations.add(new Extraction.Relation(source, label(file, line, text(file, line, r, "type", true, at)),
                    target, r.path("properties").path("description").asText("")));
        }
        String doc = n.path("source").path("metadata").path("source").asText("");
        out.add(new ProposalBuilder.Sourced(file + ":" + line + (doc.isEmpty() ? "" : " " + doc),
                new Extraction(entities, relations)));
    }

    /** A relation label in lower snake case ("WORKS AT" and "worksAt" become works_at). */
    static String label(Path file, long line, String raw) {
        String s = raw.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (!ExtractionSchema.LABEL.matcher(s).matches()) {
            throw new InputException(file, line, "field 'relation': '" + raw + "' does not make a relation label "
                    + "(letters, digits and underscores, starting with a letter)");
        }
        return s;
    }

    private static String text(Path file, long line, JsonNode n, String field, boolean required) {
        return text(file, line, n, field, required, "");
    }

    private static String text(Path file, long line, JsonNode n, String field, boolean required, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InputException(file, line, "field '" + prefix + field + "' is missing");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new InputException(file, line, "field '" + prefix + field + "': must be a string");
        }
        if (required && v.asText().isBlank()) {
            throw new InputException(file, line, "field '" + prefix + field + "' is empty");
        }
        return v.asText().strip();
    }

    private static List<String> strings(Path file, long line, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InputException(file, line, "field '" + field + "': must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
            JsonNode x = it.next();
            if (!x.isTextual()) {
                throw new InputException(file, line, "field '" + field + "': must be an array of strings");
            }
            out.add(x.asText());
        }
        return out;
    }
}
