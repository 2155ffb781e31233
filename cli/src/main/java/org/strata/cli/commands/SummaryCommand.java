package org.strata.cli.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.strata.cli.shell.CliOptions;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.GraphStore;
import org.strata.rules.evolve.EvolveOptions;

/**
 * {@code strata summary}: the graph at one granularity level: the communities of that level as nodes
 * and the believed facts between them counted by relation.
 */
public final class SummaryCommand implements Command {

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public String summary() {
        return "The graph at one level of the community hierarchy: communities as nodes, relation counts between them";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.STORE, GraphOptions.STORE_CONFIG, EvolveOptions.SUMMARY_LEVEL, EvolveOptions.SUMMARY_TOP,
                CliOptions.PROGRESS);
    }

    @Override
    public int run(Invocation in) {
        int level = in.get(EvolveOptions.SUMMARY_LEVEL);
        int top = in.get(EvolveOptions.SUMMARY_TOP);
        try (GraphStore store = in.openStore()) {
            List<CommunityRecord> all = store.communities().stream()
                    .filter(c -> c.state() != org.strata.graph.store.LifecycleState.DEPRECATED)
                    .toList();
            if (all.isEmpty()) {
                throw new UsageException("store " + store.spec() + " has no communities yet; run 'strata evolve' first");
            }
            int maxLevel = all.stream().mapToInt(CommunityRecord::level).max().orElse(0);
            if (level > maxLevel) {
                throw new UsageException("--level " + level + ": the hierarchy of " + store.spec() + " has levels 0 to "
                        + maxLevel);
            }
            // entity -> its community at the level, through the level-0 members and the parent links
            Map<String, String> parentOf = new HashMap<>();
            Map<String, CommunityRecord> byId = new HashMap<>();
            for (CommunityRecord c : all) {
                byId.put(c.id(), c);
                if (c.level() > 0) {
                    c.members().forEach(child -> parentOf.put(child, c.id()));
                }
            }
            Map<String, String> communityOf = new HashMap<>();
            for (CommunityRecord c : all) {
                if (c.level() != 0) {
                    continue;
                }
                String at = c.id();
                for (int l = 0; l < level && at != null; l++) {
                    at = parentOf.get(at);
                }
                if (at != null) {
                    for (String uid : c.members()) {
                        communityOf.put(uid, at);
                    }
                }
            }
            Projection p = store.project(in.progress());
            Map<String, Long> between = new HashMap<>();
            Map<String, Long> inside = new HashMap<>();
            for (int f = 0; f < p.factCount(); f++) {
                String a = communityOf.get(p.entities().name(p.head(f)));
                String b = communityOf.get(p.entities().name(p.tail(f)));
                if (a == null || b == null) {
                    continue;
                }
                String rel = p.relations().name(p.relation(f));
                if (a.equals(b)) {
                    inside.merge(a, 1L, Long::sum);
                } else {
                    between.merge(a + "\t" + rel + "\t" + b, 1L, Long::sum);
                }
            }
            List<CommunityRecord> here = new ArrayList<>(all.stream().filter(c -> c.level() == level).toList());
            Map<String, Integer> sizes = new HashMap<>();
            communityOf.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
            here.sort((x, y) -> Integer.compare(sizes.getOrDefault(y.id(), 0), sizes.getOrDefault(x.id(), 0)));
            in.out().println("Level " + level + " of " + store.spec() + ": " + here.size() + " communities, "
                    + Format.count(between.values().stream().mapToLong(Long::longValue).sum())
                    + " facts between them, " + Format.count(inside.values().stream().mapToLong(Long::longValue).sum())
                    + " inside");
            in.out().println();
            in.out().printf("  %-10s %8s %10s  %-11s %s%n", "community", "entities", "facts in", "state", "name");
            for (CommunityRecord c : here.subList(0, Math.min(top, here.size()))) {
                in.out().printf("  %-10s %8s %10s  %-11s %s%n", c.id(), Format.count(sizes.getOrDefault(c.id(), 0)),
                        Format.count(inside.getOrDefault(c.id(), 0L)), c.state(), c.name());
            }
            in.out().println();
            List<Map.Entry<String, Long>> edges = new ArrayList<>(between.entrySet());
            edges.sort((x, y) -> y.getValue() != x.getValue().longValue() ? Long.compare(y.getValue(), x.getValue())
                    : x.getKey().compareTo(y.getKey()));
            in.out().println("  Most frequent relations between communities:");
            for (Map.Entry<String, Long> e : edges.subList(0, Math.min(top, edges.size()))) {
                String[] k = e.getKey().split("\t");
                in.out().printf("  %8s  %s -%s-> %s%n", Format.count(e.getValue()), k[0], k[1], k[2]);
            }
            in.out().println();
            in.out().println("  In Gremlin: g.V().has('communityLevel', " + level + ").project('id','size')"
                    + ".by('communityId').by('communitySize')");
        }
        return 0;
    }
}
