package org.strata.graph.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.strata.graph.projection.Dataset;
import org.strata.graph.projection.TripleList;

/**
 * Hard negatives for a dataset that ships none: each true triple of a split corrupted once, its tail or its
 * head (alternately; the other side when every choice on the first is a known fact) replaced by an entity
 * that is a tail (or head) of the same relation elsewhere, so the false triple passes a type check; never a
 * triple known to be true (train, valid or test), never the same negative twice. When the relation offers
 * no such entity, any entity is drawn. Deterministic for a seed.
 */
public final class HardNegatives {

    private HardNegatives() {
    }

    /** One negative per true triple of {@code split}, in the same order, as labelled triples (all false). */
    public static TripleClassification.Labelled of(Dataset data, String split, long seed) {
        TripleList pos = data.split(split);
        Set<Long> known = new HashSet<>();
        for (TripleList l : List.of(data.train(), data.valid(), data.test())) {
            for (int i = 0; i < l.size(); i++) {
                known.add(key(l.heads()[i], l.relations()[i], l.tails()[i]));
            }
        }
        int relations = data.relations().size();
        List<List<Integer>> headsOf = new ArrayList<>();
        List<List<Integer>> tailsOf = new ArrayList<>();
        for (int r = 0; r < relations; r++) {
            headsOf.add(new ArrayList<>());
            tailsOf.add(new ArrayList<>());
        }
        Set<Long> seenHead = new HashSet<>();
        Set<Long> seenTail = new HashSet<>();
        TripleList train = data.train();
        for (int i = 0; i < train.size(); i++) {
            int r = train.relations()[i];
            if (seenHead.add(((long) r << 32) | train.heads()[i])) {
                headsOf.get(r).add(train.heads()[i]);
            }
            if (seenTail.add(((long) r << 32) | train.tails()[i])) {
                tailsOf.get(r).add(train.tails()[i]);
            }
        }
        Random random = new Random(seed);
        int n = pos.size();
        int[] hs = new int[n];
        int[] rs = new int[n];
        int[] ts = new int[n];
        int entities = data.entities().size();
        for (int i = 0; i < n; i++) {
            int h = pos.heads()[i];
            int r = pos.relations()[i];
            int t = pos.tails()[i];
            int[] made = null;
            for (int attempt = 0; attempt < 1_000 && made == null; attempt++) {
                // entities of that position of the relation, drawn: the side that alternates with i, then the
                // other
                boolean corruptTail = (i % 2 == 0) == (attempt / 500 % 2 == 0);
                List<Integer> pool = corruptTail ? tailsOf.get(r) : headsOf.get(r);
                if (pool.isEmpty()) {
                    continue;
                }
                int e = pool.get(random.nextInt(pool.size()));
                int nh = corruptTail ? h : e;
                int nt = corruptTail ? e : t;
                if (!known.contains(key(nh, r, nt))) {
                    made = new int[] {nh, r, nt};
                }
            }
            for (int side = 0; side < 2 && made == null; side++) {
                // few entities of the position left free: look through all of them before drawing any entity
                boolean corruptTail = (i % 2 == 0) == (side == 0);
                for (int e : corruptTail ? tailsOf.get(r) : headsOf.get(r)) {
                    int nh = corruptTail ? h : e;
                    int nt = corruptTail ? e : t;
                    if (!known.contains(key(nh, r, nt))) {
                        made = new int[] {nh, r, nt};
                        break;
                    }
                }
            }
            for (int attempt = 0; attempt < 2_000 && made == null; attempt++) {
                boolean corruptTail = attempt % 2 == 0;
                int e = random.nextInt(entities);
                int nh = corruptTail ? h : e;
                int nt = corruptTail ? e : t;
                if (!known.contains(key(nh, r, nt))) {
                    made = new int[] {nh, r, nt};
                }
            }
            if (made == null) {
                throw new IllegalStateException("no negative found for triple " + i + " of " + split
                        + ": no entity drawn made an unknown triple");
            }
            known.add(key(made[0], r, made[2])); // no two negatives alike
            hs[i] = made[0];
            rs[i] = r;
            ts[i] = made[2];
        }
        return new TripleClassification.Labelled(hs, rs, ts, new boolean[n]);
    }

    /**
     * A triple of dense ids as one number, for sets of triples: distinct triples give distinct keys while
     * relation ids stay under 1,000,003 and entity ids under 2,000,003.
     */
    public static long key(int h, int r, int t) {
        return ((long) h * 1_000_003L + r) * 2_000_003L + t;
    }
}
