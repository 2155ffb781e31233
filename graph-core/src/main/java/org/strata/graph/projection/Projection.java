package org.strata.graph.projection;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleWriter;

/**
 * An in-memory, read-only projection of a set of facts onto dense int ids, for analytics that must not
 * iterate the store row by row (the project &rarr; compute &rarr; write split of Neo4j GDS).
 *
 * <p>It holds the distinct facts sorted by (relation, head, tail), a {@link RelationIndex} per relation
 * and direction (sparse CSR: the neighbours of an entity under one relation), and an
 * {@link EntityAdjacency} per direction (all edges of an entity). Building is O(m log m) for m facts;
 * finding an entity in a relation index is O(1) for the indexes given position tables (up to 64 MB of
 * them, largest indexes first) and O(log k) otherwise. FB15k-237 (272k facts) takes about 40 MB.
 *
 * <p>Immutable once built; thread-safe.
 */
public final class Projection {

    private final Dictionary entities;
    private final Dictionary relations;
    private final int entityCount;
    private final int[] heads;
    private final int[] rels;
    private final int[] tails;
    private final int[] relationOffsets;
    private final RelationIndex[] outIndex;
    private final RelationIndex[] inIndex;
    private final EntityAdjacency outAdjacency;
    private final EntityAdjacency inAdjacency;

    private Projection(Dictionary entities, Dictionary relations, int entityCount, int[] heads, int[] rels,
                       int[] tails) {
        this.entities = entities;
        this.relations = relations;
        this.entityCount = entityCount;
        this.heads = heads;
        this.rels = rels;
        this.tails = tails;
        int relationCount = relations.size();
        this.relationOffsets = new int[relationCount + 1];
        for (int r : rels) {
            relationOffsets[r + 1]++;
        }
        for (int r = 0; r < relationCount; r++) {
            relationOffsets[r + 1] += relationOffsets[r];
        }
        this.outIndex = new RelationIndex[relationCount];
        this.inIndex = new RelationIndex[relationCount];
        for (int r = 0; r < relationCount; r++) {
            outIndex[r] = relationIndex(heads, tails, relationOffsets[r], relationOffsets[r + 1]);
            inIndex[r] = relationIndex(tails, heads, relationOffsets[r], relationOffsets[r + 1]);
        }
        buildPositionTables();
        this.outAdjacency = adjacency(heads, tails);
        this.inAdjacency = adjacency(tails, heads);
    }

    /**
     * Projects triples given as dense ids. Duplicate triples are kept once.
     *
     * @param entities  the entity dictionary; every id in {@code triples} must be below its size
     * @param relations the relation dictionary
     */
    public static Projection of(Dictionary entities, Dictionary relations, TripleList triples) {
        int n = entities.size();
        int relationCount = relations.size();
        int m = triples.size();
        int[] h = triples.heads();
        int[] r = triples.relations();
        int[] t = triples.tails();
        // bucket by relation, then sort (head, tail) pairs inside each bucket
        int[] start = new int[relationCount + 1];
        for (int i = 0; i < m; i++) {
            checkId(r[i], relationCount, "relation");
            checkId(h[i], n, "entity");
            checkId(t[i], n, "entity");
            start[r[i] + 1]++;
        }
        for (int i = 0; i < relationCount; i++) {
            start[i + 1] += start[i];
        }
        long[] pairs = new long[m];
        int[] fill = Arrays.copyOf(start, relationCount);
        for (int i = 0; i < m; i++) {
            pairs[fill[r[i]]++] = ((long) h[i] << 32) | (t[i] & 0xffffffffL);
        }
        IntList outH = new IntList(m);
        IntList outR = new IntList(m);
        IntList outT = new IntList(m);
        for (int rel = 0; rel < relationCount; rel++) {
            Arrays.sort(pairs, start[rel], start[rel + 1]);
            for (int i = start[rel]; i < start[rel + 1]; i++) {
                if (i > start[rel] && pairs[i] == pairs[i - 1]) {
                    continue;
                }
                outH.add((int) (pairs[i] >>> 32));
                outR.add(rel);
                outT.add((int) pairs[i]);
            }
        }
        return new Projection(entities, relations, n, outH.toArray(), outR.toArray(), outT.toArray());
    }

    /** Reads TSV triple files into fresh dictionaries (ids in order of first sight) and projects them. */
    public static Projection fromTsv(List<Path> files) {
        Dictionary entities = new Dictionary();
        Dictionary relations = new Dictionary();
        TripleList triples = TripleLoader.load(files, TripleFormat.TSV, entities, relations);
        return of(entities, relations, triples);
    }

    private static void checkId(int id, int size, String what) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException(what + " id " + id + " is outside the dictionary of size " + size);
        }
    }

    /** Position tables cost one int per entity each; the indexes with most keys get them first. */
    static final long POSITION_TABLE_BUDGET_INTS = 16L << 20;

    private void buildPositionTables() {
        List<RelationIndex> all = new java.util.ArrayList<>();
        for (int r = 0; r < outIndex.length; r++) {
            all.add(outIndex[r]);
            all.add(inIndex[r]);
        }
        all.sort((a, b) -> Integer.compare(b.keyCount(), a.keyCount()));
        long left = POSITION_TABLE_BUDGET_INTS;
        for (RelationIndex index : all) {
            if (index.keyCount() < 2 || left < entityCount) {
                continue;
            }
            index.buildPositions(entityCount);
            left -= entityCount;
        }
    }

    private static RelationIndex relationIndex(int[] from, int[] to, int lo, int hi) {
        int m = hi - lo;
        if (m == 0) {
            return RelationIndex.EMPTY;
        }
        long[] pairs = new long[m];
        for (int i = 0; i < m; i++) {
            pairs[i] = ((long) from[lo + i] << 32) | (to[lo + i] & 0xffffffffL);
        }
        Arrays.sort(pairs);
        IntList keys = new IntList();
        IntList offsets = new IntList();
        int[] targets = new int[m];
        for (int i = 0; i < m; i++) {
            int key = (int) (pairs[i] >>> 32);
            if (i == 0 || key != (int) (pairs[i - 1] >>> 32)) {
                keys.add(key);
                offsets.add(i);
            }
            targets[i] = (int) pairs[i];
        }
        offsets.add(m);
        return new RelationIndex(keys.toArray(), offsets.toArray(), targets);
    }

    private EntityAdjacency adjacency(int[] from, int[] to) {
        int m = from.length;
        int[] offsets = new int[entityCount + 1];
        for (int e : from) {
            offsets[e + 1]++;
        }
        for (int e = 0; e < entityCount; e++) {
            offsets[e + 1] += offsets[e];
        }
        long[] edges = new long[m];
        int[] fill = Arrays.copyOf(offsets, entityCount);
        for (int i = 0; i < m; i++) {
            edges[fill[from[i]]++] = ((long) rels[i] << 32) | (to[i] & 0xffffffffL);
        }
        int[] relations = new int[m];
        int[] neighbours = new int[m];
        for (int e = 0; e < entityCount; e++) {
            Arrays.sort(edges, offsets[e], offsets[e + 1]);
        }
        for (int i = 0; i < m; i++) {
            relations[i] = (int) (edges[i] >>> 32);
            neighbours[i] = (int) edges[i];
        }
        return new EntityAdjacency(offsets, relations, neighbours);
    }

    public Dictionary entities() {
        return entities;
    }

    public Dictionary relations() {
        return relations;
    }

    public int entityCount() {
        return entityCount;
    }

    public int relationCount() {
        return relationOffsets.length - 1;
    }

    /** The facts by name, as {@link TripleWriter} writes them. */
    public TripleWriter.Triples named() {
        return TripleWriter.Triples.of(factCount(), i -> entities().name(head(i)), i -> relations().name(relation(i)),
                i -> entities().name(tail(i)));
    }

    /** The number of distinct facts. */
    public int factCount() {
        return heads.length;
    }

    /** The head of fact {@code i}; facts are sorted by relation, head, tail. */
    public int head(int fact) {
        return heads[fact];
    }

    public int relation(int fact) {
        return rels[fact];
    }

    public int tail(int fact) {
        return tails[fact];
    }

    /** The facts of relation {@code r} are {@code [relationStart(r), relationEnd(r))}. */
    public int relationStart(int r) {
        return relationOffsets[r];
    }

    public int relationEnd(int r) {
        return relationOffsets[r + 1];
    }

    /** The edges of relation {@code r} seen from {@code direction}: OUT maps heads to tails. */
    public RelationIndex index(int r, Direction direction) {
        return direction == Direction.OUT ? outIndex[r] : inIndex[r];
    }

    /** All edges of every entity, leaving it (OUT) or entering it (IN). */
    public EntityAdjacency adjacency(Direction direction) {
        return direction == Direction.OUT ? outAdjacency : inAdjacency;
    }

    public boolean contains(int head, int relation, int tail) {
        return relation >= 0 && relation < outIndex.length && outIndex[relation].contains(head, tail);
    }

    /** The heap held by this projection's arrays and dictionaries, in bytes (an estimate for the dictionaries). */
    public long memoryBytes() {
        long bytes = 4L * (heads.length + rels.length + tails.length + relationOffsets.length);
        for (int r = 0; r < outIndex.length; r++) {
            bytes += outIndex[r].memoryBytes() + inIndex[r].memoryBytes();
        }
        bytes += outAdjacency.memoryBytes() + inAdjacency.memoryBytes();
        return bytes + entities.memoryBytes() + relations.memoryBytes();
    }
}
