package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.govern.Admission;
import org.strata.graph.govern.Gate;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.CommunityRecord;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.GraphStore;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.Proposal;
import org.strata.graph.store.RuleRecord;
import org.strata.graph.store.RuleStateRecord;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.Learner;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.RuleNetwork;
import org.strata.graph.config.OptionValues;
import org.strata.rules.learn.LearnParameters;
import org.strata.rules.learn.LearnResult;
import org.strata.rules.learn.RuleLearner;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * One structure-evolution cycle on a store: project → partition → refresh rules → consolidate → admit
 * proposals, each step written as one delta (none in a dry run), then a {@link CycleReport}.
 *
 * <ol>
 *   <li>Partition: Leiden hierarchy of the believed facts, level 0 started from the stored communities
 *       so that identities and most memberships carry over; lineage (Jaccard ≥ 0.5) keeps ids; a kept
 *       community gains a confirmation and is promoted; an old one with no successor is DEPRECATED.</li>
 *   <li>Rules: learned within the budget from the believed facts; the best are kept in the store; a
 *       stored rule found again gains a confirmation, one not found becomes LEFTOVER.</li>
 *   <li>Consolidate: each CANDIDATE or LEFTOVER fact the new rules predict gains a confirmation; a
 *       CANDIDATE is promoted by confirmations across cycles or by distinct sources; a LEFTOVER whose
 *       counter-evidence holds no more goes back to CANDIDATE.</li>
 *   <li>Admit: the rules answer a sample of queries; answers that are not facts yet go through the
 *       {@link Gate}.</li>
 * </ol>
 */
public final class EvolutionCycle {

    private static final int RULE_DEPTH = RuleEngine.TIE_DEPTH;
    private static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;
    private static final int TOP_K = 3;

    private final GraphStore store;
    private final EvolveSettings settings;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final String command;
    /** Answers each rule (index in this cycle's engine) gave as best rule, in consolidation and admission. */
    private final Map<Integer, Integer> ruleUses = new HashMap<>();
    /** Each kept rule's state after the rules step, by text. */
    private final Map<String, LifecycleState> ruleStates = new HashMap<>();

    public EvolutionCycle(GraphStore store, EvolveSettings settings, ExecutorService pool, ProgressListener progress,
                          String command) {
        this.store = store;
        this.settings = settings;
        this.pool = pool;
        this.progress = progress;
        this.command = command;
    }

    /** Runs one cycle; with {@code dryRun} it computes everything and writes nothing. */
    public CycleReport run(boolean dryRun) {
        Map<String, String> deltas = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> stability = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();

        long t0 = System.nanoTime();
        Projection p = store.project(progress);
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
        refreshRules(p, rules, lp.pc(), cycle, ruleChanges, stability);
        counts.put("rules", ruleChanges.counts());
        deltas.put("rules", write(ruleChanges, DeltaKind.RULES, dryRun));
        seconds.put("rules", since(t0));

        // 3. consolidate, 4. admit: both need the rules applied
        t0 = System.nanoTime();
        RuleEngine engine = new RuleEngine(p, rules, lp.pc(), Aggregation.MAX_PLUS, RULE_DEPTH);
        RuleSession session = engine.newSession(TOP_K, MAX_VISITS, p);
        List<FactRecord> facts = store.facts(progress);
        ChangeSet consolidation = new ChangeSet();
        Gate gate = new Gate(facts, settings.gate());
        consolidate(p, session, facts, gate, consolidation);
        counts.put("consolidate", consolidation.counts());
        deltas.put("consolidate", write(consolidation, DeltaKind.CONSOLIDATE, dryRun));
        seconds.put("consolidate", since(t0));

        t0 = System.nanoTime();
        List<Proposal> proposals = settings.combineSeconds() > 0
                ? proposeLearned(p, rules, lp.pc(), facts, cycle)
                : propose(p, engine, session, facts, cycle);
        Admission.Result admitted = new Admission(gate).judge(proposals);
        examples.addAll(admitted.examples(10));
        Map<String, Long> decisions = new LinkedHashMap<>(admitted.decisionCounts());
        decisions.put("proposals", (long) proposals.size());
        counts.put("admit", admitted.changes().counts());
        deltas.put("admit", write(admitted.changes(), DeltaKind.ADMIT, dryRun));
        seconds.put("admit", since(t0));

        t0 = System.nanoTime();
        ChangeSet shortcuts = new ChangeSet();
        shortcuts(p, engine, lp.pc(), shortcuts, stability);
        counts.put("shortcuts", shortcuts.counts());
        deltas.put("shortcuts", write(shortcuts, DeltaKind.SHORTCUTS, dryRun));
        seconds.put("shortcuts", since(t0));

        Map<String, Map<String, Long>> states = states(dryRun);
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

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private String write(ChangeSet changes, DeltaKind kind, boolean dryRun) {
        if (dryRun || changes.isEmpty()) {
            return null;
        }
        return store.apply(changes, kind, command, progress);
    }

    private Map<String, Map<String, Long>> states(boolean dryRun) {
        Map<String, Map<String, Long>> s = new LinkedHashMap<>();
        Map<String, Long> f = new TreeMap<>();
        for (FactRecord r : store.facts(ProgressListener.NONE)) {
            f.merge(r.state().name(), 1L, Long::sum);
        }
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

    // ---- 2. rules --------------------------------------------------------------------------------

    private void refreshRules(Projection p, List<Rule> learned, double pc, int cycle, ChangeSet out,
                              Map<String, Double> stability) {
        List<Rule> best = new ArrayList<>(learned);
        best.sort(RuleLearner.order(pc));
        best = best.subList(0, Math.min(best.size(), settings.rulesKept()));
        Map<String, Rule> now = new LinkedHashMap<>();
        for (Rule r : best) {
            now.put(RuleFormat.text(r, p.entities(), p.relations()), r);
        }
        Map<String, RuleStateRecord> stored = new HashMap<>();
        for (RuleStateRecord r : store.rules()) {
            stored.put(r.text(), r);
        }
        int refound = 0;
        for (Map.Entry<String, Rule> e : now.entrySet()) {
            RuleStateRecord was = stored.get(e.getKey());
            Rule r = e.getValue();
            if (was == null) {
                ruleStates.put(e.getKey(), LifecycleState.CANDIDATE);
                out.addRule(new RuleRecord(e.getKey(), p.relations().name(r.head()), r.kind().name(), r.predicted(),
                        r.correct(), r.confidence(pc)));
            } else {
                refound++;
                int confirmations = was.confirmations() + 1;
                LifecycleState state = was.state() == LifecycleState.LEFTOVER ? LifecycleState.CANDIDATE
                        : was.state();
                LifecycleState next = state.promoted(confirmations, settings.toStable(), settings.toSolidified());
                ruleStates.put(e.getKey(), next);
                out.rule(e.getKey(), Map.of("confirmations", confirmations, "confidence", r.confidence(pc),
                        "state", next.name()));
            }
        }
        int dropped = 0;
        for (RuleStateRecord r : stored.values()) {
            if (!now.containsKey(r.text()) && r.state() != LifecycleState.LEFTOVER
                    && r.state() != LifecycleState.DEPRECATED) {
                out.rule(r.text(), Map.of("state", LifecycleState.LEFTOVER.name()));
                dropped++;
            }
        }
        if (!stored.isEmpty()) {
            // churn: the share of the previous rule set not found again, plus new rules, over both sets
            double union = stored.size() + now.size() - refound;
            stability.put("ruleChurn", union == 0 ? 0 : (union - refound) / union);
        }
        stability.put("rulesKept", (double) now.size());
        stability.put("rulesDropped", (double) dropped);
    }

    // ---- 3. consolidate --------------------------------------------------------------------------

    private void consolidate(Projection p, RuleSession session, List<FactRecord> facts, Gate gate,
                             ChangeSet out) {
        for (FactRecord f : facts) {
            LifecycleState state = f.state();
            if (state == LifecycleState.CANDIDATE) {
                int confirmations = f.confirmations() + (predicted(p, session, f) ? 1 : 0);
                LifecycleState next = state.promoted(confirmations, settings.toStable(), Integer.MAX_VALUE);
                if (f.distinctSources() >= settings.sourcesToStable()) {
                    next = LifecycleState.STABLE;
                }
                if (confirmations != f.confirmations() || next != state) {
                    out.fact(f.head(), f.relation(), f.tail(), Map.of("confirmations", confirmations, "state", next.name()));
                }
            } else if (state == LifecycleState.STABLE && f.distinctSources() >= settings.toSolidified()) {
                out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.SOLIDIFIED.name()));
            } else if (state == LifecycleState.LEFTOVER) {
                if (stillContradicted(gate, f) == null) {
                    out.fact(f.head(), f.relation(), f.tail(), Map.of("state", LifecycleState.CANDIDATE.name(),
                            "counterEvidence", "resolved in a later cycle: " + f.counterEvidence()));
                }
            }
        }
    }

    /** The counter-evidence a LEFTOVER fact still meets, or null when none holds any more. */
    private static String stillContradicted(Gate gate, FactRecord f) {
        Gate.Verdict v = gate.judgeInvariants(new Proposal(f.head(), f.relation(), f.tail(), f.confidence(), "re-examined",
                null));
        return v.decision() == Gate.Decision.ADMIT ? null : v.reason();
    }

    private boolean predicted(Projection p, RuleSession session, FactRecord f) {
        int h = p.entities().id(f.head());
        int r = p.relations().id(f.relation());
        int t = p.entities().id(f.tail());
        if (h < 0 || r < 0 || t < 0) {
            return false;
        }
        for (Prediction pr : session.predict(h, r, Direction.OUT)) {
            if (pr.entity() == t) {
                if (!fromABody(session.engine(), pr)) {
                    return false;
                }
                ruleUses.merge(pr.rules()[0], 1, Integer::sum);
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a rule with a body predicts the candidate. A zero rule ({@code r(X,c) <=}) says how common
     * an answer is, not why this entity has it: on its own it neither proposes nor confirms a fact.
     */
    private static boolean fromABody(RuleEngine engine, Prediction pr) {
        return engine.rules().get(pr.rules()[0]).kind() != Rule.Kind.ZERO;
    }

    // ---- 5. shortcuts ----------------------------------------------------------------------------

    /**
     * Materialises the paths of the rules walked most: a STABLE or SOLIDIFIED cyclic rule with a body of
     * two or three steps, confidence at least the admit score, and at least {@code shortcutMinUses}
     * answers this cycle gets a SHORTCUT edge from each head to each end of its body path (up to
     * {@code shortcutsPerRule}), marked with the rule. One edge per entity pair; the set replaces the
     * previous cycle's. Nothing to do (no delta) while no rule qualifies and no shortcut exists.
     */
    private void shortcuts(Projection p, RuleEngine engine, double pc, ChangeSet out, Map<String, Double> stability) {
        if (settings.shortcutMinUses() == 0) {
            return;
        }
        List<Integer> chosen = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : ruleUses.entrySet()) {
            Rule r = engine.rules().get(e.getKey());
            String text = RuleFormat.text(r, p.entities(), p.relations());
            LifecycleState state = ruleStates.get(text);
            if (e.getValue() >= settings.shortcutMinUses() && r.kind() == Rule.Kind.CYCLIC && r.length() >= 2
                    && r.confidence(pc) >= settings.admitScore()
                    && (state == LifecycleState.STABLE || state == LifecycleState.SOLIDIFIED)) {
                chosen.add(e.getKey());
            }
        }
        chosen.sort(Comparator.naturalOrder());
        Map<Long, ChangeSet.Shortcut> pairs = new LinkedHashMap<>();
        org.strata.rules.ground.PathWalker walker = new org.strata.rules.ground.PathWalker(p, MAX_VISITS);
        for (int index : chosen) {
            Rule r = engine.rules().get(index);
            String text = RuleFormat.text(r, p.entities(), p.relations());
            String relation = p.relations().name(r.head());
            int[] rels = new int[r.length()];
            boolean[] inv = new boolean[r.length()];
            for (int i = 0; i < r.length(); i++) {
                rels[i] = r.relation(i);
                inv[i] = r.inverse(i);
            }
            int made = 0;
            for (int x = 0; x < p.entityCount() && made < settings.shortcutsPerRule(); x++) {
                int n = walker.ends(x, rels, inv, r.length(), -1);
                for (int i = 0; i < n && made < settings.shortcutsPerRule(); i++) {
                    int y = walker.end(i);
                    long key = ((long) x << 32) | y;
                    if (!pairs.containsKey(key)) {
                        pairs.put(key, new ChangeSet.Shortcut(p.entities().name(x), p.entities().name(y), text, relation));
                        made++;
                    }
                }
            }
        }
        stability.put("shortcutRules", (double) chosen.size());
        if (!pairs.isEmpty() || store.shortcutCount() > 0) {
            out.shortcuts(new ArrayList<>(pairs.values()));
        }
    }

    // ---- 4. admit ---------------------------------------------------------------------------------

    /** "head NUL relation NUL tail" of every fact: what a proposal must not repeat. */
    private static Set<String> knownKeys(List<FactRecord> facts) {
        Set<String> known = new HashSet<>();
        for (FactRecord f : facts) {
            known.add(f.head() + '\u0000' + f.relation() + '\u0000' + f.tail());
        }
        return known;
    }

    /**
     * The (head, relation) queries a cycle asks, as {@code head << 32 | relation}: heads and relations of
     * facts drawn with the cycle's seed, distinct, at most the settings' proposal queries (in draw order).
     */
    private LinkedHashSet<Long> sampledQueries(Projection p, int cycle) {
        Random random = new Random(settings.seed() * 31 + cycle);
        LinkedHashSet<Long> asked = new LinkedHashSet<>();
        for (int i = 0; i < settings.proposalQueries() * 4 && asked.size() < settings.proposalQueries(); i++) {
            int f = random.nextInt(p.factCount());
            asked.add(((long) p.head(f) << 32) | p.relation(f));
        }
        return asked;
    }

    /**
     * Proposals chosen by a rule combination learned this cycle (phase learner, early-stopped on held-out
     * facts): its best answers to each sampled query, where the rule that contributes most has a body and
     * a confidence of at least the admission score; the proposal carries that rule and its confidence
     * (what the gate and the lifecycle compare, as for max-plus proposals). A softmax probability is
     * shared among a query's true answers, so it is no admission score on its own.
     */
    private List<Proposal> proposeLearned(Projection p, List<Rule> rules, double pc, List<FactRecord> facts,
                                          int cycle) {
        List<Proposal> out = new ArrayList<>();
        if (p.factCount() == 0 || rules.isEmpty()) {
            return out;
        }
        RuleEngine firing = new RuleEngine(p, rules, pc, Aggregation.NOISY_OR, 1);
        CombineParameters defaults = CombineParameters.from(OptionValues.DEFAULTS, settings.seed() + cycle,
                settings.threads());
        CombineParameters cp = defaults.withLearner(Learner.PHASE).withMaxSeconds(settings.combineSeconds());
        RuleNetwork network = CombinationJob.run(firing, null, p, cp, pool, progress, TerminationFlag.running())
                .network();
        NetworkAnswers answers = new NetworkAnswers(firing, network, p, cp.maxCandidates(), cp.maxRules(), MAX_VISITS);
        Set<String> known = knownKeys(facts);
        for (long query : sampledQueries(p, cycle)) {
            int h = (int) (query >>> 32);
            int r = (int) query;
            for (NetworkAnswers.Answer a : answers.answer(h, r, Direction.OUT, TOP_K)) {
                int lead = a.contributions().get(0).rule();
                Rule rule = firing.rules().get(lead);
                if (rule.kind() == Rule.Kind.ZERO || firing.confidence(lead) < settings.admitScore()) {
                    continue; // a prior alone is no evidence for one fact; a weak lead rule is not enough
                }
                ruleUses.merge(lead, 1, Integer::sum);
                String head = p.entities().name(h);
                String rel = p.relations().name(r);
                String tail = p.entities().name(a.entity());
                if (known.add(head + '\u0000' + rel + '\u0000' + tail)) {
                    out.add(new Proposal(head, rel, tail, firing.confidence(lead), "learned rule combination (cycle "
                            + cycle + ")", RuleFormat.text(rule, p.entities(), p.relations())));
                }
            }
        }
        return out;
    }

    private List<Proposal> propose(Projection p, RuleEngine engine, RuleSession session, List<FactRecord> facts,
                                   int cycle) {
        Set<String> known = knownKeys(facts);
        List<Proposal> out = new ArrayList<>();
        if (p.factCount() == 0) {
            return out;
        }
        for (long query : sampledQueries(p, cycle)) {
            int h = (int) (query >>> 32);
            int r = (int) query;
            for (Prediction pr : session.predict(h, r, Direction.OUT)) {
                if (pr.score() < settings.admitScore() || !fromABody(engine, pr)) {
                    break; // best first; the candidates only zero rules reach come last
                }
                ruleUses.merge(pr.rules()[0], 1, Integer::sum);
                String head = p.entities().name(h);
                String rel = p.relations().name(r);
                String tail = p.entities().name(pr.entity());
                if (known.add(head + '\u0000' + rel + '\u0000' + tail)) {
                    Rule rule = engine.rules().get(pr.rules()[0]);
                    out.add(new Proposal(head, rel, tail, pr.score(), "rules (cycle " + cycle + ")",
                            RuleFormat.text(rule, p.entities(), p.relations())));
                }
            }
        }
        return out;
    }
}
