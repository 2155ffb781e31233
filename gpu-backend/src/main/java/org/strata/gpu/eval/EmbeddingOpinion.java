package org.strata.gpu.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.strata.graph.eval.Committee;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.Projection;
import org.strata.gpu.model.EmbeddingModel;
import org.strata.gpu.model.ModelFile;

/**
 * Trained embedding models as a judge's second opinion: the model files a {@code --model} option names
 * (several, comma-separated, are independent voices: a {@link Committee}), read once and then scored over
 * any projection's entity and relation ids.
 *
 * @param models the models, in the order named
 */
public record EmbeddingOpinion(List<EmbeddingModel> models) {

    public EmbeddingOpinion {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an embedding opinion needs at least one model");
        }
        models = List.copyOf(models);
    }

    /**
     * Reads the model files of {@code files}, comma-separated; null when {@code files} is null.
     *
     * @throws IllegalArgumentException for an empty name in the list
     */
    public static EmbeddingOpinion read(String files) {
        if (files == null) {
            return null;
        }
        List<EmbeddingModel> models = new ArrayList<>();
        for (String part : files.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("--model: an empty file name in '" + files + "' (files are "
                        + "separated by single commas)");
            }
            models.add(ModelFile.read(Path.of(part.strip())));
        }
        return new EmbeddingOpinion(models);
    }

    /** The opinion over one projection's ids: one model's scorer, or a committee of them. */
    public LinkScorer over(Projection p) {
        return over(p.entities(), p.relations());
    }

    /** The opinion over these entity and relation ids: one model's scorer, or a committee of them. */
    public LinkScorer over(Dictionary entities, Dictionary relations) {
        List<LinkScorer> scorers = new ArrayList<>();
        for (EmbeddingModel m : models) {
            scorers.add(new EmbeddingScorer(m, entities, relations));
        }
        return Committee.of(scorers, entities.size());
    }

    /** {@link #over} as the function a job asks for. */
    public Function<Projection, LinkScorer> scorers() {
        return this::over;
    }

    /** For reports: "complex dim 256", or several joined by " + ". */
    public String label() {
        return String.join(" + ", models.stream().map(EmbeddingOpinion::label).toList());
    }

    /** One model's label, e.g. "complex dim 256". */
    public static String label(EmbeddingModel m) {
        return m.kind().name().toLowerCase(Locale.ROOT) + " dim " + m.dim();
    }
}
