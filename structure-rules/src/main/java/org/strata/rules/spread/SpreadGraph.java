package org.strata.rules.spread;

import org.strata.graph.projection.TripleList;

/**
 * The units and couplings of the spreading-activation network over a set of facts. Every entity e has
 * two units: {@code s(e)} (e as the subject of a fact, where a query starts) and {@code o(e)} (e as an
 * object, where answers are read). A fact (h, r, t) couples s(h) with o(t) through relation channel r,
 * and its inverse couples s(t) with o(h) through channel R + r; channel 2R couples o(e) with s(e), so
 * that a path can continue from an entity it reached. Couplings are symmetric, each with the
 * coefficient 1/√(d(u)·d(v)) (d: a unit's number of couplings, at least 1), so the network has an
 * energy and its spectral radius is at most the largest gate: activity settles.
 *
 * <p>Stored as compressed rows over units: for unit u, entries {@code start[u]..start[u+1]} give the
 * other unit, the channel and the coefficient.
 */
public final class SpreadGraph {

    private final int entities;
    private final int relations;
    private final int[] start;
    private final int[] other;
    private final int[] channel;
    private final float[] coef;

    /** Builds the network of {@code facts} over {@code entities} entities and {@code relations} relations. */
    /** The network over a dataset's training facts, with every entity and relation of all its splits. */
    public static SpreadGraph of(org.strata.graph.projection.Dataset data) {
        return new SpreadGraph(data.train(), data.entities().size(), data.relations().size());
    }

    public SpreadGraph(TripleList facts, int entities, int relations) {
        this.entities = entities;
        this.relations = relations;
        int units = 2 * entities;
        int[] degree = new int[units];
        int n = facts.size();
        for (int i = 0; i < n; i++) {
            int h = facts.heads()[i];
            int t = facts.tails()[i];
            degree[h]++;
            degree[entities + t]++;
            degree[t]++;
            degree[entities + h]++;
        }
        for (int e = 0; e < entities; e++) {
            degree[e]++;
            degree[entities + e]++;
        }
        start = new int[units + 1];
        for (int u = 0; u < units; u++) {
            start[u + 1] = start[u] + degree[u];
        }
        int total = start[units];
        other = new int[total];
        channel = new int[total];
        coef = new float[total];
        int[] fill = java.util.Arrays.copyOf(start, units);
        for (int i = 0; i < n; i++) {
            int h = facts.heads()[i];
            int r = facts.relations()[i];
            int t = facts.tails()[i];
            couple(fill, degree, h, entities + t, r);
            couple(fill, degree, t, entities + h, relations + r);
        }
        for (int e = 0; e < entities; e++) {
            couple(fill, degree, entities + e, e, 2 * relations);
        }
    }

    private void couple(int[] fill, int[] degree, int u, int v, int ch) {
        float c = (float) (1 / Math.sqrt((double) Math.max(1, degree[u]) * Math.max(1, degree[v])));
        int a = fill[u]++;
        other[a] = v;
        channel[a] = ch;
        coef[a] = c;
        int b = fill[v]++;
        other[b] = u;
        channel[b] = ch;
        coef[b] = c;
    }

    public int entities() {
        return entities;
    }

    public int relations() {
        return relations;
    }

    /** 2 × entities. */
    public int units() {
        return 2 * entities;
    }

    /** 2R + 1 channels: relations, their inverses, and the continue-from-here channel. */
    public int channels() {
        return 2 * relations + 1;
    }

    /** Query relations: R forward (tails of (h, r, ?)) and R inverse (heads of (?, r, t)). */
    public int queryRelations() {
        return 2 * relations;
    }

    /** The subject unit of an entity. */
    public int subject(int entity) {
        return entity;
    }

    /** The object unit of an entity. */
    public int object(int entity) {
        return entities + entity;
    }

    int start(int u) {
        return start[u];
    }

    int end(int u) {
        return start[u + 1];
    }

    int other(int i) {
        return other[i];
    }

    int channel(int i) {
        return channel[i];
    }

    float coef(int i) {
        return coef[i];
    }

    /** The index of the stored coupling from unit u to unit v on channel ch, or -1. */
    int entry(int u, int v, int ch) {
        for (int i = start[u]; i < start[u + 1]; i++) {
            if (other[i] == v && channel[i] == ch) {
                return i;
            }
        }
        return -1;
    }

    /** Couplings stored (each symmetric coupling counts twice). */
    public int couplings() {
        return other.length;
    }
}
