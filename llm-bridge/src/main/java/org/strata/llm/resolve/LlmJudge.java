package org.strata.llm.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.strata.llm.client.AnswerSchema;
import org.strata.llm.client.LlmCallException;
import org.strata.llm.client.LlmClient;

/**
 * An {@link EntityJudge} that asks an LLM (stage "judge" in the token counts), with a JSON schema
 * {@code {"same": boolean, "reason": string}}. An answer that does not fit, or a failed call, counts as
 * "not the same": the judge can only merge what it positively confirms.
 */
public final class LlmJudge implements EntityJudge {

    static final String SYSTEM = """
            You decide whether two mentions name the same real-world entity. Each mention is given as data \
            between <mention> tags: a name, maybe a type and a description. Different entities often have \
            similar names (a film and its sequel, a city and its province, two people with one surname); answer \
            same=true only when you are confident. Answer with JSON that fits the schema.""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LlmClient client;

    public LlmJudge(LlmClient client) {
        this.client = client;
    }

    static AnswerSchema.Named schema() {
        return new AnswerSchema.Named("strata_same_entity", AnswerSchema.object(
                "same", AnswerSchema.flag("true only if both mentions name the same entity"),
                "reason", AnswerSchema.text("one short sentence")));
    }

    /** The answer's problems: it must be an object with a boolean {@code same}. */
    static List<String> problems(String answer) {
        try {
            JsonNode n = JSON.readTree(answer);
            return n != null && n.path("same").isBoolean() ? List.of() : List.of("$.same: must be a boolean");
        } catch (Exception e) {
            return List.of("$: not JSON");
        }
    }

    @Override
    public boolean same(Mention mention, Mention known) {
        String user = "<mention id=\"A\">" + describe(mention) + "</mention>\n<mention id=\"B\">" + describe(known)
                + "</mention>\nAre A and B the same entity?";
        String answer;
        try {
            answer = client.chatJson("judge", SYSTEM, user, schema(), "strata_same_entity v1", LlmJudge::problems);
        } catch (LlmCallException e) {
            return false;
        }
        try {
            JsonNode n = JSON.readTree(answer);
            return n != null && n.path("same").isBoolean() && n.get("same").booleanValue();
        } catch (Exception e) {
            return false;
        }
    }

    private static String describe(Mention m) {
        StringBuilder sb = new StringBuilder("name: ").append(defuse(m.name()));
        if (m.type() != null) {
            sb.append("; type: ").append(defuse(m.type()));
        }
        if (m.description() != null && !m.description().isBlank()) {
            sb.append("; description: ").append(defuse(m.description()));
        }
        return sb.toString();
    }

    /** Mentions come from documents: no tag of theirs may close the data block. */
    private static String defuse(String s) {
        return s.replace("<", "‹").replace(">", "›");
    }
}
