package org.strata.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.llm.client.MiniLmEncoder;
import org.strata.llm.client.NameEncoder;

/**
 * {@code strata bench resolve}: the entity-resolution benchmark on a dataset's names (FB15k-237,
 * WN18RR): precision and recall per stage and per kind of name variant.
 */
final class BenchResolveCommand implements Command {

    @Override
    public String name() {
        return "resolve";
    }

    @Override
    public String summary() {
        return "Entity-resolution benchmark on a dataset's entity names: precision and recall per stage and variant";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, GraphOptions.SEED, org.strata.llm.LlmOptions.NO_EMBEDDINGS);
    }

    @Override
    public int run(Invocation in) {
        Path dir = Path.of(in.require(GraphOptions.DATA, "bench resolve"));
        Path file = dir.resolve("entity_names.tsv");
        if (!Files.isRegularFile(file)) {
            throw new UsageException(dir + " has no entity_names.tsv (FB15k-237 and WN18RR have one)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        boolean wordnet = dir.getFileName().toString().toLowerCase(Locale.ROOT).contains("wn");
        Map<String, String> names = ResolutionBenchmark.names(lines, wordnet);
        List<String[]> triples = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> train = Files.lines(dir.resolve("train.txt"))) {
            train.forEach(l -> {
                String[] t = l.split("\t");
                if (t.length == 3) {
                    triples.add(t);
                }
            });
        } catch (IOException e) {
            throw new UsageException(dir + ": cannot read train.txt (" + e.getMessage() + ")");
        }
        Map<String, String> types = ResolutionBenchmark.coarseTypes(triples);
        long start = System.nanoTime();
        NameEncoder encoder = in.get(org.strata.llm.LlmOptions.NO_EMBEDDINGS) ? null : new MiniLmEncoder();
        ResolutionBenchmark.Result r = ResolutionBenchmark.run(names, types, in.get(GraphOptions.SEED), encoder);
        double seconds = (System.nanoTime() - start) / 1e9;
        ResolutionBenchmark.Tally t = r.total();
        in.out().printf(Locale.ROOT, "Resolution benchmark on %s names: %,d known entities, %,d queries (%,d positive), "
                + "%.1f s%n", dir.getFileName(), r.known(), t.queries, r.positives(), seconds);
        in.out().println("  types: the relation and side each entity occurs on most often in train.txt (coarse stand-ins "
                + "for declared types); embedding stage: " + (encoder == null ? "off" : encoder.description()));
        in.out().printf(Locale.ROOT, "  %,d known entities share their normalised name with another (left out: "
                + "a name alone cannot tell them apart)%n", r.ambiguous());
        in.out().printf(Locale.ROOT, "  overall: precision %.4f, recall %.4f (%,d merges, %,d right)%n", t.precision(),
                t.recall(r.positives()), t.merges, t.correct);
        in.out().println("  per stage:");
        for (Map.Entry<String, ResolutionBenchmark.Tally> e : r.byStage().entrySet()) {
            in.out().printf(Locale.ROOT, "    %-10s %,8d merges, precision %.4f, recall share %.4f%n", e.getKey(),
                    e.getValue().merges, e.getValue().precision(), e.getValue().recall(r.positives()));
        }
        if (encoder != null) {
            in.out().printf(Locale.ROOT, "  judge (not run here: no LLM): %,d near misses of the embedding stage would go to "
                    + "a judge (--judge); %,d of them offer the right entity (at most +%.4f recall)%n", r.judgeCalls(),
                    r.judgeRight(), r.judgeRight() / (double) Math.max(1, r.positives()));
        }
        in.out().println("  per kind of query:");
        for (Map.Entry<String, ResolutionBenchmark.Tally> e : r.byKind().entrySet()) {
            ResolutionBenchmark.Tally k = e.getValue();
            boolean negative = e.getKey().equals("hard negative");
            in.out().printf(Locale.ROOT, "    %-16s %,8d queries, %,7d merged%s%n", e.getKey(), k.queries, k.merges,
                    negative ? String.format(Locale.ROOT, " (all wrong: false-merge rate %.4f)", k.merges / (double)
                            Math.max(1, k.queries))
                            : String.format(Locale.ROOT, ", recall %.4f, precision %.4f", k.recall(k.queries),
                            k.precision()));
        }
        return 0;
    }
}
