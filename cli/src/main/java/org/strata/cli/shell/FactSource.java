package org.strata.cli.shell;

import java.nio.file.Path;
import java.util.Map;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.GraphStore;

/**
 * The facts a rule command works on: the training split of a dataset folder ({@code --data}) or every
 * fact of a store ({@code --store}, the default), with readable names for output. Closing it closes the
 * store it opened.
 */
public final class FactSource implements AutoCloseable {

    private final String description;
    private final Projection facts;
    private final GraphStore store;
    private final Dataset dataset;
    private final Map<String, String> names;

    private FactSource(String description, Projection facts, GraphStore store, Dataset dataset, Map<String, String> names) {
        this.description = description;
        this.facts = facts;
        this.store = store;
        this.dataset = dataset;
        this.names = names;
    }

    /** {@code --data DIR} if given, else the store of {@code --store}/{@code --store-config}. */
    public static FactSource open(Invocation in, ProgressListener progress) {
        String data = in.get(GraphOptions.DATA);
        if (data != null) {
            if (in.isSet(GraphOptions.STORE) || in.isSet(GraphOptions.STORE_CONFIG)) {
                throw new UsageException("give --data DIR or --store DIR, not both");
            }
            Dataset ds = Dataset.load(Path.of(data));
            return new FactSource("the training facts of " + ds.name(), ds.trainProjection(), null, ds, null);
        }
        GraphStore store = in.openStore();
        try {
            Projection p = store.project(progress);
            return new FactSource("store " + store.spec(), p, store, null, store.names());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public String description() {
        return description;
    }

    /** The dataset the facts come from ({@code --data}), or null for a store. */
    public Dataset dataset() {
        return dataset;
    }

    /** The facts, with every entity and relation of the source in its dictionaries. */
    public Projection facts() {
        return facts;
    }

    /** The open store, or {@code null} for a dataset. */
    public GraphStore store() {
        return store;
    }

    /** The readable name of an entity, or its id. */
    public String name(int entity) {
        if (dataset != null) {
            return dataset.displayName(entity);
        }
        String id = facts.entities().name(entity);
        return names.getOrDefault(id, id);
    }

    /** The entity an argument names: its id, else its readable name (case-insensitive, must be unique). */
    public int resolve(String idOrName, String option) {
        int id = facts.entities().id(idOrName);
        if (id >= 0) {
            return id;
        }
        int found = -1;
        StringBuilder matches = new StringBuilder();
        int count = 0;
        for (int e = 0; e < facts.entityCount(); e++) {
            if (name(e).equalsIgnoreCase(idOrName)) {
                if (count++ < 5) {
                    matches.append(count > 1 ? ", " : "").append(facts.entities().name(e));
                }
                found = e;
            }
        }
        if (count == 0) {
            throw new UsageException(option + " " + idOrName + ": no entity has this id or name in " + description);
        }
        if (count > 1) {
            throw new UsageException(option + " " + idOrName + ": " + count + " entities have this name (" + matches
                    + (count > 5 ? ", ..." : "") + "); give the id");
        }
        return found;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
