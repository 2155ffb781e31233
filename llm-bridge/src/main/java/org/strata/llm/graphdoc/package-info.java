/**
 * Graph documents (entity and relationship records, as LLM graph transformers write them), read and
 * checked line by line.
 */
package org.strata.llm.graphdoc;
