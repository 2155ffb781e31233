package org.strata.cli.commands;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.govern.GateOptions;
import org.strata.graph.store.GraphStore;
import org.strata.llm.LlmOptions;
import org.strata.llm.extract.ChunkResult;
import org.strata.llm.job.ExtractionJob;

/**
 * {@code strata extract}: text files to proposals by an LLM, resolved against the store's entities and
 * admitted through the governance gate as one undoable delta.
 */
public final class ExtractCommand implements Command {

    @Override
    public String name() {
        return "extract";
    }

    @Override
    public String summary() {
        return "Extract entities and relations from text with an LLM; they enter the store through the governance gate";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, LlmOptions.LLM_URL, LlmOptions.MODEL,
                LlmOptions.API_KEY_ENV, LlmOptions.CACHE, LlmOptions.CONCURRENCY, LlmOptions.ATTEMPTS, LlmOptions.TIMEOUT,
                LlmOptions.CHUNK, LlmOptions.OVERLAP, LlmOptions.NO_EMBEDDINGS, LlmOptions.JUDGE,
                GateOptions.FUNCTIONAL_MIN_HEADS, GateOptions.TYPING_OVERLAP,
                CliOptions.PROGRESS);
    }

    @Override
    public Positionals positionals() {
        return new Positionals("FILE", "Plain text or Markdown files (UTF-8)", 1, Integer.MAX_VALUE);
    }

    @Override
    public int run(Invocation in) {
        ExtractionJob.Parameters parameters;
        try {
            parameters = ExtractionJob.Parameters.of(in);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f : in.positionals()) {
            try {
                texts.put(f, Files.readString(Path.of(f)));
            } catch (MalformedInputException e) {
                throw new UsageException(f + ": not UTF-8 text");
            } catch (IOException e) {
                throw new UsageException(f + ": cannot read (" + e.getMessage() + ")");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parameters.llm().concurrency());
        try (GraphStore store = in.openStore()) {
            ExtractionJob.Result r = new ExtractionJob(parameters, pool, in.progress()).run(store, texts,
                    in.commandLine());
            long failed = r.failed();
            int chunks = r.chunks().size();
            in.out().println("Extracted " + Format.count(chunks - failed) + " of " + Format.count(chunks)
                    + " chunks from " + texts.size() + (texts.size() == 1 ? " file" : " files") + " with "
                    + parameters.llm().model() + " (" + Format.count(r.repaired()) + " after a repair round)");
            int shown = 0;
            for (ChunkResult c : r.chunks()) {
                if (c.failed() && shown++ < 10) {
                    in.out().println("  failed, nothing written for it: " + c.where() + ": " + c.error());
                }
            }
            if (shown > 10) {
                in.out().println("  ... and " + (shown - 10) + " more failed chunks");
            }
            if (r.admission() == null) {
                in.err().println("error: no chunk could be extracted; nothing was written");
                return 1;
            }
            in.out().print("  LLM use per stage (" + r.usage() + " in all):\n" + r.usagePerStage());
            in.out().println("  gate: " + r.admission().decisionCounts() + " of " + r.proposals().proposals().size()
                    + " proposed facts");
            in.out().println("  entities: " + new TreeMap<>(r.proposals().resolved()) + " (NEW: created; the others name "
                    + "the resolution stage that found a known entity)");
            if (r.deltaId() == null) {
                in.out().println("  nothing to write");
                return 0;
            }
            in.out().println("  written as delta " + r.deltaId() + ": " + r.admission().changes().counts()
                    + "; undo with: strata undo "
                    + (in.get(GraphOptions.STORE) == null ? "" : "--store " + in.get(GraphOptions.STORE) + " ")
                    + r.deltaId());
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }
}
