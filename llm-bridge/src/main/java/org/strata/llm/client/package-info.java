/**
 * The only contact with LangChain4j (and its sub-package {@code rag}): chat completions with a JSON
 * schema from any OpenAI-compatible server, with a disk cache of checked answers, retries with backoff for
 * transient failures, a cap on requests in flight and token counts; and the in-process name encoder. The
 * rest of the bridge states schemas as {@link org.strata.llm.client.AnswerSchema}.
 */
package org.strata.llm.client;
