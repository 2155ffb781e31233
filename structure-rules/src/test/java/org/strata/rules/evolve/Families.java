package org.strata.rules.evolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.ImportRequest;
import org.strata.graph.store.StoreSpec;
import org.strata.graph.store.Stores;

/**
 * A small graph of families for evolve tests, in a real (in-memory JanusGraph) store: per family a mum and
 * a dad ({@code spouse_of}), each {@code parent_of} every kid, every kid {@code child_of} the mum, each kid
 * {@code sibling_of} the next; the first kids of the first two families are friends.
 */
final class Families {

    private Families() {
    }

    /**
     * The families named {@code names} with {@code kids} kids each, imported into a new store;
     * {@code withoutMother} (or null) is a kid whose {@code child_of} fact is left out.
     */
    static GraphStore store(Path dir, List<String> names, int kids, String withoutMother) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String fam : names) {
            for (int i = 0; i < kids; i++) {
                String kid = fam + "kid" + i;
                b.append(fam).append("mum\tparent_of\t").append(kid).append('\n');
                b.append(fam).append("dad\tparent_of\t").append(kid).append('\n');
                if (!kid.equals(withoutMother)) {
                    b.append(kid).append("\tchild_of\t").append(fam).append("mum\n");
                }
                if (i < kids - 1) {
                    b.append(kid).append("\tsibling_of\t").append(fam).append("kid").append(i + 1).append('\n');
                }
            }
            b.append(fam).append("mum\tspouse_of\t").append(fam).append("dad\n");
        }
        b.append(names.get(0)).append("kid0\tfriend_of\t").append(names.get(1)).append("kid0\n");
        Path file = dir.resolve("family.tsv");
        Files.writeString(file, b.toString());
        GraphStore store = Stores.open(StoreSpec.inMemory());
        store.importFacts(ImportRequest.of(List.of(file), TripleFormat.TSV, null, "test"), ProgressListener.NONE);
        return store;
    }
}
