/**
 * Strata as a LangChain4j retrieval source: the graph context of a question as content for a LangChain4j
 * application. Kept beside the client because only the client packages touch LangChain4j.
 */
package org.strata.llm.client.rag;
