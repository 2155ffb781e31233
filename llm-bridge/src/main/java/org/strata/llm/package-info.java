/**
 * The LLM bridge (to be built; see the project's issues): an OpenAI-compatible client fenced in
 * {@code org.strata.llm.client}, text to candidate facts under a JSON schema, bring-your-own extraction,
 * entity resolution, and graph-grounded answers. It only proposes; the governance gate decides.
 */
package org.strata.llm;
