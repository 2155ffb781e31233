package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Projection;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.Gate;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.FactSnapshot;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.graph.store.RuleStateRecord;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.judge.RuleJudge;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;

/**
 * One structure-evolution cycle on a store: project → partition → refresh rules → consolidate → admit
 * proposals → shortcuts, each step written as one delta (none in a dry run), then a {@link CycleReport}.
 * This class only orders the steps and writes their change sets; each step is a class of its own:
 * {@link PartitionStep}, {@link RuleRefreshStep}, {@link ConsolidationStep}, {@link ProposalStep} (whose
 * proposals go through the one {@link Admission}) and {@link ShortcutStep}.
 */
public final class EvolutionCycle {

    private static final int RULE_DEPTH = RuleEngine.TIE_DEPTH;
    static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;
    /** Answers per query the rules give in consolidation and proposals. */
    static final int TOP_K = 3;

    private final GraphStore store;
    private final EvolveSettings settings;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final String command;

    private final Function<Projection, LinkScorer> opinions;
    private FactStates factStates;

    public EvolutionCycle(GraphStore store, EvolveSettings settings, ExecutorService pool, ProgressListener progress,
                          String command) {
        this(store, settings, pool, progress, command, null);
    }

    /**
     * A cycle whose judge also weighs a second opinion: {@code opinions} gives a scorer over a projection's
     * ids (an embedding model's); it needs labelled calibration triples (see {@link RuleJudge#fit}).
     */
    public EvolutionCycle(GraphStore store, EvolveSettings settings, ExecutorService pool, ProgressListener progress,
                          String command, Function<Projection, LinkScorer> opinions) {
        this.store = store;
        this.settings = settings;
        this.pool = pool;
        this.progress = progress;
        this.command = command;
        this.opinions = opinions;
    }

    /**
     * Every fact's lifecycle state after the last {@link #run}, by {@link FactRecord#key()}: what the store
     * holds once the cycle's writes are applied (unchanged in a dry run), kept from the cycle's one read of
     * the facts and its own writes. Empty before the first run.
     */
    public Map<String, LifecycleState> factStates() {
        return factStates == null ? Map.of() : factStates.byKey();
    }

    /** Runs one cycle; with {@code dryRun} it computes everything and writes nothing. */
    public CycleReport run(boolean dryRun) {
        Map<String, String> deltas = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> stability = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();

        long t0 = System.nanoTime();
        // one read of the facts serves the whole cycle: partition and rule refresh write no facts
        FactSnapshot snapshot = store.snapshot(progress);
        Projection p = snapshot.believed();
        List<FactRecord> facts = snapshot.facts();
        FactStates after = new FactStates(facts);
        factStates = after;
        List<CommunityRecord> oldCommunities = store.communities();
        int cycle = 1 + oldCommunities.stream().mapToInt(CommunityRecord::lastCycle).max().orElse(0);
        seconds.put("project", since(t0));

        // 1. partition
        t0 = System.nanoTime();
        ChangeSet partition = new ChangeSet();
        List<List<Integer>> sizes = new PartitionStep(store, settings).run(p, oldCommunities, cycle, partition, stability);
        counts.put("partition", partition.counts());
        deltas.put("partition", write(partition, DeltaKind.PARTITION, dryRun));
        seconds.put("partition", since(t0));

        // 2. rules
        t0 = System.nanoTime();
        LearnParameters lp = settings.rules().withSeed(settings.seed() + cycle);
        LearnResult learned = new RuleLearner(p, lp, pool, progress, TerminationFlag.running()).learn();
        List<Rule> rules = learned.rules();
        ChangeSet ruleChanges = new ChangeSet();
        Map<String, LifecycleState> ruleStates = new RuleRefreshStep(store, settings).run(p, rules, lp.pc(),
                ruleChanges, stability);
        counts.put("rules", ruleChanges.counts());
        deltas.put("rules", write(ruleChanges, DeltaKind.RULES, dryRun));
        seconds.put("rules", since(t0));

        // 3. consolidate, 4. admit: both need the rules applied
        t0 = System.nanoTime();
        RuleEngine engine = new RuleEngine(p, rules, lp.pc(), Aggregation.MAX_PLUS, RULE_DEPTH);
        RuleSession session = engine.newSession(TOP_K, MAX_VISITS, p);
        ChangeSet consolidation = new ChangeSet();
        Gate gate = new Gate(facts, settings.gate());
        // every rule fired, for the judge and for a learned combination's proposals: compiled once
        RuleEngine firing = new RuleEngine(p, rules, lp.pc(), Aggregation.NOISY_OR, 1);
        RuleJudge judge = judge(firing, lp.pc(), cycle);
        RuleJudge.Calibration calibration = judge.calibration();
        stability.put("judgeConfirmThreshold", calibration.confirmThreshold());
        stability.put("judgeConfirmPrecision", calibration.confirmPrecision());
        stability.put("judgeConfirmRecall", calibration.confirmRecall());
        stability.put("judgeDoubtThreshold", calibration.doubtThreshold());
        stability.put("judgeTreeDepth", (double) judge.fit().treeDepth());
        stability.put("judgeFitRows", (double) judge.fit().fitRows());
        stability.put("judgeThresholdRows", (double) judge.fit().thresholdRows());
        Map<Integer, Integer> ruleUses = new HashMap<>();
        new ConsolidationStep(settings, ruleUses).run(judge, facts, gate, consolidation);
        counts.put("consolidate", consolidation.counts());
        deltas.put("consolidate", write(consolidation, DeltaKind.CONSOLIDATE, dryRun));
        if (!dryRun) {
            after.apply(consolidation);
        }
        seconds.put("consolidate", since(t0));

        t0 = System.nanoTime();
        ProposalStep proposing = new ProposalStep(settings, pool, progress, ruleUses);
        List<Proposal> proposals = settings.combineSeconds() > 0
                ? proposing.learned(p, firing, facts, cycle)
                : proposing.maxPlus(p, engine, session, facts, cycle);
        Admission.Result admitted = new Admission(gate).judge(proposals);
        examples.addAll(admitted.examples(10));
        Map<String, Long> decisions = new LinkedHashMap<>(admitted.decisionCounts());
        decisions.put("proposals", (long) proposals.size());
        counts.put("admit", admitted.changes().counts());
        deltas.put("admit", write(admitted.changes(), DeltaKind.ADMIT, dryRun));
        if (!dryRun) {
            after.apply(admitted.changes());
        }
        seconds.put("admit", since(t0));

        t0 = System.nanoTime();
        ChangeSet shortcuts = new ChangeSet();
        new ShortcutStep(store, settings, ruleUses, ruleStates).run(p, engine, lp.pc(), shortcuts, stability);
        counts.put("shortcuts", shortcuts.counts());
        deltas.put("shortcuts", write(shortcuts, DeltaKind.SHORTCUTS, dryRun));
        seconds.put("shortcuts", since(t0));

        Map<String, Map<String, Long>> states = states(after);
        long believed = 0;
        for (LifecycleState state : LifecycleState.values()) {
            if (state.believed()) {
                believed += states.get("facts").getOrDefault(state.name(), 0L);
            }
        }
        long all = states.get("facts").values().stream().mapToLong(Long::longValue).sum();
        stability.put("stableFactShare", all == 0 ? 0 : believed / (double) all);
        return new CycleReport(cycle, dryRun, deltas, counts, sizes, states, decisions, stability, seconds, examples);
    }

    private RuleJudge judge(RuleEngine firing, double pc, int cycle) {
        try {
            return RuleJudge.fit(firing, pc, settings.judge().withSeed(settings.judge().seed() + cycle), opinions, pool,
                    progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calibrating the rules' judge", e);
        }
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private String write(ChangeSet changes, DeltaKind kind, boolean dryRun) {
        if (dryRun || changes.isEmpty()) {
            return null;
        }
        return store.apply(changes, kind, command, progress);
    }

    private Map<String, Map<String, Long>> states(FactStates facts) {
        Map<String, Map<String, Long>> s = new LinkedHashMap<>();
        Map<String, Long> f = facts.counts();
        Map<String, Long> rl = new TreeMap<>();
        for (RuleStateRecord r : store.rules()) {
            rl.merge(r.state().name(), 1L, Long::sum);
        }
        Map<String, Long> c = new TreeMap<>();
        for (CommunityRecord r : store.communities()) {
            c.merge(r.state().name(), 1L, Long::sum);
        }
        s.put("facts", f);
        s.put("rules", rl);
        s.put("communities", c);
        return s;
    }

}
