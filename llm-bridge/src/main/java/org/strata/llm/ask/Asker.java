package org.strata.llm.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.strata.llm.client.AnswerSchema;
import org.strata.llm.client.LlmClient;

/**
 * Answers a question from a {@link GraphContext} with an LLM. The answer must cite the ids of the facts
 * and rules it rests on; citations of ids that are not in the context are refused (one repair round,
 * then the answer is returned with no citations and marked unverified).
 */
public final class Asker {

    /** The answer and the context ids it cites; {@code grounded} is false when the citations failed the check. */
    public record Answer(String text, List<String> cites, boolean grounded) {
    }

    static final String SYSTEM = """
            You answer questions from a knowledge graph. Use only the facts and rules given between \
            <context> and </context>; cite the ids (f1, r2, ...) you rely on. A fact marked CANDIDATE or \
            LEFTOVER is unconfirmed: say so if you use it. If the context does not answer the question, say \
            that it does not. Answer with JSON that fits the schema.""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;

    public Asker(LlmClient client) {
        this.client = client;
    }

    static AnswerSchema.Named schema() {
        return new AnswerSchema.Named("strata_answer", AnswerSchema.object(
                "answer", AnswerSchema.text("the answer, in a few sentences"), "cites", AnswerSchema.texts()));
    }

    /** An answer's problems against this context (unknown citations included). */
    private static List<String> problems(String answer, GraphContext context) {
        List<String> problems = new ArrayList<>();
        parse(answer, context, problems);
        return problems;
    }

    public Answer ask(GraphContext context) {
        String user = "<context>\n" + context.text() + "</context>\n\nQuestion: " + context.question();
        String first = client.chatJson("answer", SYSTEM, user, schema(), "strata_answer v1",
                text -> problems(text, context));
        List<String> problems = new ArrayList<>();
        Answer a = parse(first, context, problems);
        if (problems.isEmpty()) {
            return a;
        }
        String second = client.chatJson("answer repair", SYSTEM, user + "\n\nYour previous answer was:\n" + first + "\nProblems:\n- "
                + String.join("\n- ", problems) + "\nAnswer again.", schema(), "strata_answer v1", text -> problems(text, context));
        List<String> again = new ArrayList<>();
        Answer b = parse(second, context, again);
        if (again.isEmpty()) {
            return b;
        }
        return new Answer(b == null ? (a == null ? "" : a.text()) : b.text(), List.of(), false);
    }

    static Answer parse(String answer, GraphContext context, List<String> problems) {
        JsonNode n;
        try {
            n = JSON.readTree(answer);
        } catch (Exception e) {
            problems.add("$: not JSON");
            return null;
        }
        if (n == null || !n.isObject() || !n.path("answer").isTextual() || !n.path("cites").isArray()) {
            problems.add("$: needs a string 'answer' and an array 'cites'");
            return null;
        }
        List<String> cites = new ArrayList<>();
        for (JsonNode c : n.get("cites")) {
            String id = c.asText();
            if (!context.ids().contains(id)) {
                problems.add("$.cites: '" + id + "' is not an id in the context");
            } else {
                cites.add(id);
            }
        }
        return new Answer(n.get("answer").asText(), List.copyOf(cites), true);
    }
}
