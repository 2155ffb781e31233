package org.strata.llm.extract;

import java.util.List;

/**
 * What was extracted from one chunk, already checked against the schema.
 *
 * @param entities  the entities named in the chunk
 * @param relations relations between them (source and target are names from {@code entities})
 */
public record Extraction(List<Entity> entities, List<Relation> relations) {

    /** An entity as extracted: name, type, a short description, other names. */
    public record Entity(String name, String type, String description, List<String> aliases) {
    }

    /** A relation as extracted; {@code relation} is a short label in snake case. */
    public record Relation(String source, String relation, String target, String description) {
    }
}
