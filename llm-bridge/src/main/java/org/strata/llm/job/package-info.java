/**
 * The LLM bridge's jobs: text extraction and graph-document import, each from parameters built from the
 * typed options to one delta written through {@link org.strata.graph.govern.Admission}.
 */
package org.strata.llm.job;
