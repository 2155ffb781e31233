package org.strata.llm.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.strata.llm.client.AnswerSchema;

/**
 * The JSON schema the model must answer in, sent as {@code response_format}, and the strict check of
 * an answer against it. The check is what keeps an answer inside the schema whatever the text asked
 * for: unknown fields, wrong types, relation labels outside {@code [a-z][a-z0-9_]*}, and relations
 * between names that are not among the answer's entities are errors, each named by its JSON path.
 */
public final class ExtractionSchema {

    /** A relation label: lower snake case, at most 64 characters. */
    public static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtractionSchema() {
    }

    /** The schema sent as the request's response format. */
    public static AnswerSchema.Named schema() {
        AnswerSchema entity = AnswerSchema.object(
                "name", AnswerSchema.text("the entity's name as the text writes it"),
                "type", AnswerSchema.text("a short type, e.g. disease, organism, chemical, person, place"),
                "description", AnswerSchema.text("one sentence from the text about the entity"),
                "aliases", AnswerSchema.texts());
        AnswerSchema relation = AnswerSchema.object(
                "source", AnswerSchema.text("the name of an entity in 'entities'"),
                "relation", AnswerSchema.text("a short label in lower snake case, e.g. causes, part_of"),
                "target", AnswerSchema.text("the name of an entity in 'entities'"),
                "description", AnswerSchema.text("the words of the text that state the relation"));
        return new AnswerSchema.Named("strata_extraction", AnswerSchema.object(
                "entities", AnswerSchema.listOf(entity), "relations", AnswerSchema.listOf(relation)));
    }

    /** The schema as text, for the cache key and the prompt hash. */
    public static String text() {
        return "strata_extraction v1: {entities:[{name,type,description,aliases[]}],"
                + "relations:[{source,relation,target,description}]} additionalProperties=false label=" + LABEL.pattern();
    }

    /** The answer's problems, each with its JSON path; empty when it is valid. */
    public static List<String> problems(String answer) {
        List<String> p = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (Exception e) {
            p.add("$: not JSON: " + firstLine(e.getMessage()));
            return p;
        }
        if (root == null || !root.isObject()) {
            p.add("$: must be an object");
            return p;
        }
        onlyFields(root, "$", Set.of("entities", "relations"), p);
        Set<String> names = new HashSet<>();
        JsonNode entities = root.get("entities");
        if (entities == null || !entities.isArray()) {
            p.add("$.entities: must be an array");
        } else {
            for (int i = 0; i < entities.size(); i++) {
                String at = "$.entities[" + i + "]";
                JsonNode e = entities.get(i);
                if (!e.isObject()) {
                    p.add(at + ": must be an object");
                    continue;
                }
                onlyFields(e, at, Set.of("name", "type", "description", "aliases"), p);
                String name = string(e, "name", at, MAX_NAME, true, p);
                string(e, "type", at, MAX_NAME, false, p);
                string(e, "description", at, MAX_TEXT, false, p);
                JsonNode aliases = e.get("aliases");
                if (aliases == null || !aliases.isArray()) {
                    p.add(at + ".aliases: must be an array of strings");
                } else {
                    for (int k = 0; k < aliases.size(); k++) {
                        if (!aliases.get(k).isTextual() || aliases.get(k).asText().length() > MAX_NAME) {
                            p.add(at + ".aliases[" + k + "]: must be a string of at most " + MAX_NAME + " characters");
                        }
                    }
                }
                if (name != null) {
                    names.add(name);
                }
            }
        }
        JsonNode relations = root.get("relations");
        if (relations == null || !relations.isArray()) {
            p.add("$.relations: must be an array");
        } else {
            for (int i = 0; i < relations.size(); i++) {
                String at = "$.relations[" + i + "]";
                JsonNode r = relations.get(i);
                if (!r.isObject()) {
                    p.add(at + ": must be an object");
                    continue;
                }
                onlyFields(r, at, Set.of("source", "relation", "target", "description"), p);
                String source = string(r, "source", at, MAX_NAME, true, p);
                String label = string(r, "relation", at, 64, true, p);
                String target = string(r, "target", at, MAX_NAME, true, p);
                string(r, "description", at, MAX_TEXT, false, p);
                if (label != null && !LABEL.matcher(label).matches()) {
                    p.add(at + ".relation: '" + label + "' is not a lower snake case label");
                }
                if (source != null && !names.contains(source)) {
                    p.add(at + ".source: '" + source + "' is not the name of an entity in $.entities");
                }
                if (target != null && !names.contains(target)) {
                    p.add(at + ".target: '" + target + "' is not the name of an entity in $.entities");
                }
            }
        }
        return p;
    }

    /** Parses an answer that has no problems. */
    public static Extraction parse(String answer) {
        List<String> p = problems(answer);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("answer does not fit the schema: " + p);
        }
        try {
            JsonNode root = JSON.readTree(answer);
            List<Extraction.Entity> entities = new ArrayList<>();
            for (JsonNode e : root.get("entities")) {
                List<String> aliases = new ArrayList<>();
                e.get("aliases").forEach(a -> aliases.add(a.asText().strip()));
                entities.add(new Extraction.Entity(e.get("name").asText().strip(), e.get("type").asText().strip(),
                        e.get("description").asText().strip(), List.copyOf(aliases)));
            }
            List<Extraction.Relation> relations = new ArrayList<>();
            for (JsonNode r : root.get("relations")) {
                relations.add(new Extraction.Relation(r.get("source").asText().strip(), r.get("relation").asText(),
                        r.get("target").asText().strip(), r.get("description").asText().strip()));
            }
            return new Extraction(List.copyOf(entities), List.copyOf(relations));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read a checked answer", e);
        }
    }

    private static void onlyFields(JsonNode o, String at, Set<String> allowed, List<String> p) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                p.add(at + "." + f + ": not in the schema");
            }
        }
    }

    private static String string(JsonNode o, String field, String at, int max, boolean nonBlank, List<String> p) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            p.add(at + "." + field + ": must be a string");
            return null;
        }
        String s = v.asText();
        if (nonBlank && s.isBlank()) {
            p.add(at + "." + field + ": must not be empty");
            return null;
        }
        if (s.length() > max) {
            p.add(at + "." + field + ": longer than " + max + " characters");
            return null;
        }
        return s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
