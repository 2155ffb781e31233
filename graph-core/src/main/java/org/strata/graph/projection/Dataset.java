package org.strata.graph.projection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.strata.graph.io.AttributeReader;
import org.strata.graph.io.InputException;
import org.strata.graph.io.TripleFormat;

/**
 * A link-prediction dataset: a folder with {@code train.txt}, {@code valid.txt} and {@code test.txt}
 * (TSV triples), read into one entity and one relation dictionary.
 *
 * <p>Ids are assigned in order of first sight across train, valid, test, so the entities and relations
 * seen in training are exactly the ids below {@link #trainEntityCount()} and
 * {@link #trainRelationCount()}. Readable names are read from {@code entity_names.tsv} when the folder
 * has one.
 *
 * <p>Immutable once loaded; thread-safe.
 */
public final class Dataset {

    /** The split files a dataset folder must hold. */
    public static final List<String> SPLITS = List.of("train.txt", "valid.txt", "test.txt");

    private final String name;
    private final Path folder;
    private final Dictionary entities;
    private final Dictionary relations;
    private final TripleList train;
    private final TripleList valid;
    private final TripleList test;
    private final int trainEntityCount;
    private final int trainRelationCount;
    private final Map<String, String> entityNames;
    private volatile Projection trainProjection;
    private volatile Projection allProjection;

    private Dataset(String name, Path folder, Dictionary entities, Dictionary relations, TripleList train,
                    TripleList valid, TripleList test, int trainEntityCount, int trainRelationCount,
                    Map<String, String> entityNames) {
        this.name = name;
        this.folder = folder;
        this.entities = entities;
        this.relations = relations;
        this.train = train;
        this.valid = valid;
        this.test = test;
        this.trainEntityCount = trainEntityCount;
        this.trainRelationCount = trainRelationCount;
        this.entityNames = entityNames;
    }

    /** Loads a dataset folder; its name is the folder's name. */
    public static Dataset load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder, "not a dataset folder (expected a folder holding "
                    + String.join(", ", SPLITS) + ")", null);
        }
        for (String split : SPLITS) {
            if (!Files.isRegularFile(folder.resolve(split))) {
                throw new InputException(folder.resolve(split), "missing: a dataset folder must hold "
                        + String.join(", ", SPLITS), null);
            }
        }
        Dictionary entities = new Dictionary(1 << 14);
        Dictionary relations = new Dictionary(256);
        TripleList train = TripleLoader.load(List.of(folder.resolve("train.txt")), TripleFormat.TSV, entities, relations);
        int trainEntities = entities.size();
        int trainRelations = relations.size();
        TripleList valid = TripleLoader.load(List.of(folder.resolve("valid.txt")), TripleFormat.TSV, entities, relations);
        TripleList test = TripleLoader.load(List.of(folder.resolve("test.txt")), TripleFormat.TSV, entities, relations);
        Path namesFile = folder.resolve("entity_names.tsv");
        Map<String, String> names = Files.isRegularFile(namesFile) ? AttributeReader.read(namesFile, "name") : Map.of();
        Path fileName = folder.toAbsolutePath().normalize().getFileName();
        return new Dataset(fileName == null ? folder.toString() : fileName.toString(), folder, entities, relations,
                train, valid, test, trainEntities, trainRelations, names);
    }

    public String name() {
        return name;
    }

    public Path folder() {
        return folder;
    }

    /** All entities of all splits. */
    public Dictionary entities() {
        return entities;
    }

    public Dictionary relations() {
        return relations;
    }

    public TripleList train() {
        return train;
    }

    public TripleList valid() {
        return valid;
    }

    public TripleList test() {
        return test;
    }

    /** The triples of a split by name: {@code train}, {@code valid} or {@code test}. */
    public TripleList split(String split) {
        return switch (split) {
            case "train" -> train;
            case "valid" -> valid;
            case "test" -> test;
            default -> throw new IllegalArgumentException("split must be train, valid or test, got " + split);
        };
    }

    /** Entities with an id below this were seen in training. */
    public int trainEntityCount() {
        return trainEntityCount;
    }

    /** Relations with an id below this were seen in training. */
    public int trainRelationCount() {
        return trainRelationCount;
    }

    /** The readable name of an entity, or its id when the dataset has no name for it. */
    public String displayName(int entity) {
        String id = entities.name(entity);
        return entityNames.getOrDefault(id, id);
    }

    /** The training facts, projected (built once, on first use). */
    public Projection trainProjection() {
        Projection p = trainProjection;
        if (p == null) {
            synchronized (this) {
                if (trainProjection == null) {
                    trainProjection = Projection.of(entities, relations, train);
                }
                p = trainProjection;
            }
        }
        return p;
    }

    /** Every known fact of train, valid and test: what filtered ranking removes. */
    public Projection allProjection() {
        Projection p = allProjection;
        if (p == null) {
            synchronized (this) {
                if (allProjection == null) {
                    allProjection = Projection.of(entities, relations, concat(train, valid, test));
                }
                p = allProjection;
            }
        }
        return p;
    }

    private static TripleList concat(TripleList... lists) {
        int n = 0;
        for (TripleList l : lists) {
            n += l.size();
        }
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        int at = 0;
        for (TripleList l : lists) {
            System.arraycopy(l.heads(), 0, h, at, l.size());
            System.arraycopy(l.relations(), 0, r, at, l.size());
            System.arraycopy(l.tails(), 0, t, at, l.size());
            at += l.size();
        }
        return new TripleList(h, r, t);
    }
}
