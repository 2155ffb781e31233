/**
 * Entity resolution: a mention to a known entity by name key, alias, MinHash over character trigrams,
 * one edit, name embeddings, and an optional LLM judge for near misses; never a guess between two.
 */
package org.strata.llm.resolve;
