package org.strata.llm.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape a model's JSON answer must have, sent as the request's {@code response_format}: objects whose
 * fields are all required and no others allowed, strings, booleans and lists. The rest of the bridge
 * states its schemas with this type; only {@link LlmClient} turns them into LangChain4j's.
 */
public sealed interface AnswerSchema {

    /** A string field, with what it should hold. */
    record Text(String description) implements AnswerSchema {
    }

    /** A boolean field, with what it means. */
    record Flag(String description) implements AnswerSchema {
    }

    /** A list of items of one shape. */
    record ListOf(AnswerSchema items) implements AnswerSchema {
    }

    /** An object: every field required, no other field allowed, in this order. */
    record Fields(Map<String, AnswerSchema> fields) implements AnswerSchema {
        public Fields {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("an object needs at least one field");
            }
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A named root object, as the request carries it. */
    record Named(String name, Fields root) {
    }

    /** A string field. */
    static AnswerSchema text(String description) {
        return new Text(description);
    }

    /** A boolean field. */
    static AnswerSchema flag(String description) {
        return new Flag(description);
    }

    /** A list of strings. */
    static AnswerSchema texts() {
        return new ListOf(new Text(null));
    }

    /** A list of objects or values of one shape. */
    static AnswerSchema listOf(AnswerSchema items) {
        return new ListOf(items);
    }

    /** An object from alternating field names and shapes: {@code object("a", text(..), "b", flag(..))}. */
    static Fields object(Object... nameThenShape) {
        if (nameThenShape.length % 2 != 0) {
            throw new IllegalArgumentException("fields come as name, shape pairs; got " + nameThenShape.length
                    + " arguments");
        }
        Map<String, AnswerSchema> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenShape.length; i += 2) {
            m.put((String) nameThenShape[i], (AnswerSchema) nameThenShape[i + 1]);
        }
        return new Fields(m);
    }

    /** The field names of an object, in order. */
    static List<String> names(Fields f) {
        return List.copyOf(f.fields().keySet());
    }
}
