package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.cwts.networkanalysis.Network;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.rules.partition.EntityGraph;
import org.strata.rules.partition.Hierarchy;
import org.strata.rules.partition.Lineage;
import org.strata.rules.partition.Partitioner;
import org.strata.rules.partition.RandIndex;

/**
 * An evolve cycle's first step: the Leiden hierarchy of the believed facts, level 0 warm-started from the
 * stored communities so identities and most memberships carry over; lineage (Jaccard ≥ 0.5) keeps ids; a
 * kept community gains a confirmation and is promoted; an old one with no successor is DEPRECATED. On an
 * unchanged graph with the same settings ({@code partitionKey}) level 0 is kept exactly.
 */
final class PartitionStep {

    private final GraphStore store;
    private final EvolveSettings settings;

    PartitionStep(GraphStore store, EvolveSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Partitions the believed facts of {@code p} into {@code out} (communities, their states, memberships);
     * returns the community sizes per level, largest first, and records stability figures (ids kept per
     * level, ARI of level 0 against the stored partition).
     */
    List<List<Integer>> run(Projection p, List<CommunityRecord> old, int cycle, ChangeSet out,
                            Map<String, Double> stability) {
        Map<String, CommunityRecord> byId = new HashMap<>();
        old.forEach(c -> byId.put(c.id(), c));
        // warm start: every entity in its stored level-0 community, new entities alone
        List<CommunityRecord> oldLevel0 = old.stream().filter(c -> c.level() == 0
                && c.state() != LifecycleState.DEPRECATED).toList();
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int i = 0; i < oldLevel0.size(); i++) {
            for (String uid : oldLevel0.get(i).members()) {
                oldIndex.put(uid, i);
            }
        }
        int n = p.entityCount();
        int[] initial = null;
        if (!oldIndex.isEmpty()) {
            initial = new int[n];
            int next = oldLevel0.size();
            for (int e = 0; e < n; e++) {
                Integer o = oldIndex.get(p.entities().name(e));
                initial[e] = o != null ? o : next++;
            }
        }
        Map<String, String> names = store.names();
        Network network = EntityGraph.of(p);
        // the same graph and settings as the stored partition: keep its level 0 exactly (a warm-started
        // Leiden could still move a few tied nodes), so a re-run on an unchanged graph changes nothing
        String partitionKey = partitionKey(p);
        boolean unchanged = initial != null && !oldLevel0.isEmpty()
                && oldLevel0.stream().allMatch(c -> partitionKey.equals(c.partitionKey()))
                && oldIndex.size() == n;
        Hierarchy h = new Partitioner(settings.resolution(), settings.levelFactor(), settings.maxLevels(), 10,
                settings.seed()).partition(network, initial, unchanged);

        Map<String, String> entityCommunity = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        List<List<Integer>> sizes = new ArrayList<>();
        List<String> previousIds = null;
        Set<String> kept = new HashSet<>();
        int[] degree = degrees(p);
        int maxNumber = 0;
        for (CommunityRecord c : old) {
            maxNumber = Math.max(maxNumber, number(c.id()));
        }
        int[] counter = {maxNumber};
        double keptShare0 = Double.NaN;
        for (int level = 0; level < h.levels(); level++) {
            List<int[]> members = h.members(level);
            List<List<String>> newMembers = new ArrayList<>();
            for (int[] m : members) {
                List<String> uids = new ArrayList<>(m.length);
                for (int e : m) {
                    uids.add(p.entities().name(e));
                }
                newMembers.add(uids);
            }
            final int lv = level;
            List<CommunityRecord> oldAtLevel = old.stream().filter(c -> c.level() == lv
                    && c.state() != LifecycleState.DEPRECATED).toList();
            List<List<String>> oldMembers = new ArrayList<>();
            for (CommunityRecord c : oldAtLevel) {
                oldMembers.add(entitiesOf(c, byId));
            }
            int[] match = Lineage.match(oldMembers, newMembers, Lineage.DEFAULT_THRESHOLD);
            List<String> ids = new ArrayList<>();
            List<Integer> levelSizes = new ArrayList<>();
            int keptHere = 0;
            for (int c = 0; c < members.size(); c++) {
                Map<String, Object> props = new HashMap<>();
                props.put("communityLevel", level);
                props.put("communitySize", members.get(c).length);
                props.put("lastCycle", cycle);
                props.put("name", name(members.get(c), degree, p, names));
                if (level == 0) {
                    props.put("partitionKey", partitionKey);
                }
                String id;
                if (match[c] >= 0) {
                    CommunityRecord was = oldAtLevel.get(match[c]);
                    id = was.id();
                    int confirmations = was.confirmations() + 1;
                    props.put("confirmations", confirmations);
                    props.put("state", was.state().promoted(confirmations, settings.toStable(),
                            settings.toSolidified()).name());
                    kept.add(id);
                    keptHere++;
                } else {
                    id = "L" + level + "-" + (++counter[0]);
                    props.put("confirmations", 1);
                    props.put("state", LifecycleState.CANDIDATE.name());
                    props.put("firstCycle", cycle);
                }
                out.community(id, props);
                ids.add(id);
                levelSizes.add(members.get(c).length);
            }
            if (!oldAtLevel.isEmpty()) {
                stability.put("idsKeptLevel" + level, keptHere / (double) oldAtLevel.size());
            }
            if (level == 0) {
                for (int e = 0; e < n; e++) {
                    entityCommunity.put(p.entities().name(e), ids.get(h.entityCommunities(0)[e]));
                }
                if (!oldIndex.isEmpty()) {
                    stability.put("ariLevel0", ari(h.entityCommunities(0), oldIndex, p));
                }
            } else {
                int[] up = h.parents(level);
                for (int c = 0; c < up.length; c++) {
                    parent.put(previousIds.get(c), ids.get(up[c]));
                }
            }
            previousIds = ids;
            levelSizes.sort(Comparator.reverseOrder());
            sizes.add(levelSizes);
        }
        for (CommunityRecord c : old) {
            if (!kept.contains(c.id()) && c.state() != LifecycleState.DEPRECATED) {
                out.community(c.id(), Map.of("state", LifecycleState.DEPRECATED.name()));
            }
        }
        out.memberships(entityCommunity, parent);
        return sizes;
    }

    /**
     * A digest of what a partition depends on: every entity pair that shares facts with its count (by
     * uid, so independent of projection order) and the partition settings.
     */
    private String partitionKey(Projection p) {
        java.util.List<String> pairs = new ArrayList<>(p.factCount());
        for (int f = 0; f < p.factCount(); f++) {
            String a = p.entities().name(p.head(f));
            String b = p.entities().name(p.tail(f));
            if (!a.equals(b)) {
                pairs.add(a.compareTo(b) < 0 ? a + '\t' + b : b + '\t' + a);
            }
        }
        pairs.sort(null);
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update((settings.resolution() + "/" + settings.levelFactor() + "/" + settings.maxLevels() + "/"
                    + settings.seed() + "/" + p.entityCount()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String pair : pairs) {
                d.update(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int number(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The entity uids under a stored community (its members at level 0, its descendants' above). */
    private static List<String> entitiesOf(CommunityRecord c, Map<String, CommunityRecord> byId) {
        if (c.level() == 0) {
            return c.members();
        }
        List<String> out = new ArrayList<>();
        for (String child : c.members()) {
            CommunityRecord r = byId.get(child);
            if (r != null) {
                out.addAll(entitiesOf(r, byId));
            }
        }
        return out;
    }

    private static double ari(int[] now, Map<String, Integer> before, Projection p) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int e = 0; e < now.length; e++) {
            Integer o = before.get(p.entities().name(e));
            if (o != null) {
                a.add(o);
                b.add(now[e]);
            }
        }
        return RandIndex.adjusted(a.stream().mapToInt(Integer::intValue).toArray(),
                b.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int[] degrees(Projection p) {
        int[] d = new int[p.entityCount()];
        for (int f = 0; f < p.factCount(); f++) {
            d[p.head(f)]++;
            d[p.tail(f)]++;
        }
        return d;
    }

    /**
     * A readable name: the names (or uids) of the three best-connected members, ties by uid (not by dense
     * id, which follows the order the store reads its entities in).
     */
    private static String name(int[] members, int[] degree, Projection p, Map<String, String> names) {
        Integer[] order = new Integer[members.length];
        for (int i = 0; i < members.length; i++) {
            order[i] = members[i];
        }
        java.util.Arrays.sort(order, (x, y) -> degree[y] != degree[x] ? Integer.compare(degree[y], degree[x])
                : p.entities().name(x).compareTo(p.entities().name(y)));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(3, order.length); i++) {
            String uid = p.entities().name(order[i]);
            top.add(names.getOrDefault(uid, uid));
        }
        return String.join(" / ", top);
    }
}
