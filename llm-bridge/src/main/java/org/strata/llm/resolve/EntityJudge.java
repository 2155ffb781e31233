package org.strata.llm.resolve;

/**
 * Decides whether two names denote the same entity when the cheaper stages cannot: the last,
 * optional stage of resolution (an LLM in practice, see {@link org.strata.llm.resolve.LlmJudge}).
 */
public interface EntityJudge {

    /** A name as the judge sees it: the name, its declared type (or null) and a short description (or null). */
    record Mention(String name, String type, String description) {
    }

    /** Whether {@code mention} and {@code known} are the same entity; false when unsure. */
    boolean same(Mention mention, Mention known);
}
