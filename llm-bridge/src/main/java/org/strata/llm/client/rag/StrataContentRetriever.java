package org.strata.llm.client.rag;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import org.strata.llm.ask.ContextBuilder;
import org.strata.llm.ask.GraphContext;
import org.strata.graph.store.GraphStore;

/**
 * A LangChain4j {@link ContentRetriever} over a Strata store: for a query, the graph context (entities,
 * the facts around them with their states and ids, the rules that bear on them) as one content, so a
 * LangChain4j application can use the graph as a retrieval source.
 */
public final class StrataContentRetriever implements ContentRetriever {

    private final ContextBuilder builder;

    public StrataContentRetriever(GraphStore store) {
        this(new ContextBuilder(store, 5, 20, 10));
    }

    public StrataContentRetriever(ContextBuilder builder) {
        this.builder = builder;
    }

    @Override
    public List<Content> retrieve(Query query) {
        GraphContext c = builder.build(query.text());
        if (c.entities().isEmpty()) {
            return List.of();
        }
        return List.of(Content.from(c.text()));
    }
}
