/**
 * Text to extractions: chunking, the extraction prompt and schema, the strict check of an answer
 * (every problem named by its JSON path) and one repair round.
 */
package org.strata.llm.extract;
