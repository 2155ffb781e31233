package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.store.GraphStore;
import org.strata.llm.LlmOptions;
import org.strata.llm.ask.Asker;
import org.strata.llm.ask.ContextBuilder;
import org.strata.llm.ask.GraphContext;
import org.strata.llm.client.LlmCallException;
import org.strata.llm.client.LlmClient;

/**
 * {@code strata ask}: a question answered from the graph: its entities found by full-text search, the
 * facts and rules around them as a compact context, and an LLM's answer citing their ids.
 */
public final class AskCommand implements Command {

    @Override
    public String name() {
        return "ask";
    }

    @Override
    public String summary() {
        return "Answer a question from the graph with an LLM, citing the facts and rules used (--context-only: no LLM)";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, LlmOptions.LLM_URL, LlmOptions.MODEL,
                LlmOptions.API_KEY_ENV, LlmOptions.CACHE, LlmOptions.ATTEMPTS, LlmOptions.TIMEOUT, LlmOptions.CONTEXT_ONLY,
                CliOptions.PROGRESS);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("QUESTION", "The question, in words", 1, 1);
    }

    private static org.strata.llm.client.LlmSettings settings(Invocation in) {
        try {
            return LlmOptions.settings(in);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public int run(Invocation in) {
        String question = in.positionals().get(0);
        boolean contextOnly = in.get(LlmOptions.CONTEXT_ONLY);
        LlmClient client = contextOnly ? null : new LlmClient(settings(in));
        try (GraphStore store = in.openStore()) {
            GraphContext context = new ContextBuilder(store, 5, 20, 10).build(question);
            if (contextOnly) {
                in.out().print(context.text());
                return 0;
            }
            if (context.entities().isEmpty()) {
                in.out().println("The graph has no entity matching the question's words; nothing to answer from.");
                return 0;
            }
            Asker.Answer a;
            try {
                a = new Asker(client).ask(context);
            } catch (LlmCallException e) {
                throw new UsageException("the LLM call failed: " + e.getMessage());
            }
            in.out().println(a.text());
            in.out().println();
            if (!a.grounded()) {
                in.out().println("(unverified: the answer cited ids that are not in the context, even after a repair round)");
            }
            for (String id : a.cites()) {
                context.facts().stream().filter(f -> f.id().equals(id)).forEach(f -> in.out().println("  " + f.id()
                        + ": " + f.head() + " " + f.relation() + " " + f.tail() + " [" + f.state() + "]"));
                context.rules().stream().filter(r -> r.id().equals(id)).forEach(r -> in.out().println("  " + r.id()
                        + ": " + r.text()));
            }
            in.out().print("  (" + client.usage() + ")\n" + client.usage().perStage("    "));
        }
        return 0;
    }
}
