package org.strata.rules.evolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.strata.graph.config.OptionValues;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.progress.TerminationFlag;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.Proposal;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleSession;
import org.strata.rules.combine.CombinationJob;
import org.strata.rules.combine.CombineParameters;
import org.strata.rules.combine.Learner;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/**
 * An evolve cycle's proposals: the rules answer a sample of (head, relation) queries and the answers
 * that are not facts yet become proposals for the gate, picked by max-plus or by a rule combination
 * learned this cycle. Counts the answers each rule gave ({@code ruleUses}).
 */
final class ProposalStep {

    private final EvolveSettings settings;
    private final ExecutorService pool;
    private final ProgressListener progress;
    private final Map<Integer, Integer> ruleUses;

    ProposalStep(EvolveSettings settings, ExecutorService pool, ProgressListener progress, Map<Integer, Integer> ruleUses) {
        this.settings = settings;
        this.pool = pool;
        this.progress = progress;
        this.ruleUses = ruleUses;
    }

    /** The key of every fact ({@link FactRecord#key()}): what a proposal must not repeat. */
    private static Set<String> knownKeys(List<FactRecord> facts) {
        Set<String> known = new HashSet<>();
        for (FactRecord f : facts) {
            known.add(f.key());
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
     * (what the gate and the lifecycle compare, as for max-plus proposals). {@code firing} applies every
     * rule (noisy-or, depth 1) over {@code p}. A softmax probability is shared among a query's true
     * answers, so it is no admission score on its own.
     */
    List<Proposal> learned(Projection p, RuleEngine firing, List<FactRecord> facts, int cycle) {
        List<Proposal> out = new ArrayList<>();
        if (p.factCount() == 0 || firing.rules().isEmpty()) {
            return out;
        }
        CombineParameters defaults = CombineParameters.from(OptionValues.DEFAULTS, settings.seed() + cycle,
                settings.threads());
        CombineParameters cp = defaults.withLearner(Learner.PHASE).withMaxSeconds(settings.combineSeconds());
        RuleNetwork network = CombinationJob.run(firing, null, p, cp, pool, progress, TerminationFlag.running())
                .network();
        NetworkAnswers answers = new NetworkAnswers(firing, network, p, cp.maxCandidates(), cp.maxRules(),
                EvolutionCycle.MAX_VISITS);
        Set<String> known = knownKeys(facts);
        for (long query : sampledQueries(p, cycle)) {
            int h = (int) (query >>> 32);
            int r = (int) query;
            for (NetworkAnswers.Answer a : answers.answer(h, r, Direction.OUT, EvolutionCycle.TOP_K)) {
                int lead = a.contributions().get(0).rule();
                Rule rule = firing.rules().get(lead);
                if (rule.kind() == Rule.Kind.ZERO || firing.confidence(lead) < settings.admitScore()) {
                    continue; // a prior alone is no evidence for one fact; a weak lead rule is not enough
                }
                ruleUses.merge(lead, 1, Integer::sum);
                String head = p.entities().name(h);
                String rel = p.relations().name(r);
                String tail = p.entities().name(a.entity());
                if (known.add(FactRecord.key(head, rel, tail))) {
                    out.add(new Proposal(head, rel, tail, firing.confidence(lead), "learned rule combination (cycle "
                            + cycle + ")", RuleFormat.text(rule, p.entities(), p.relations())));
                }
            }
        }
        return out;
    }

    /**
     * Proposals chosen by max-plus: each sampled query's answers, best first, while their rule has a body
     * and a confidence of at least the admission score.
     */
    List<Proposal> maxPlus(Projection p, RuleEngine engine, RuleSession session, List<FactRecord> facts, int cycle) {
        Set<String> known = knownKeys(facts);
        List<Proposal> out = new ArrayList<>();
        if (p.factCount() == 0) {
            return out;
        }
        for (long query : sampledQueries(p, cycle)) {
            int h = (int) (query >>> 32);
            int r = (int) query;
            for (Prediction pr : session.predict(h, r, Direction.OUT)) {
                if (pr.score() < settings.admitScore() || !ConsolidationStep.fromABody(engine, pr)) {
                    break; // best first; the candidates only zero rules reach come last
                }
                ruleUses.merge(pr.rules()[0], 1, Integer::sum);
                String head = p.entities().name(h);
                String rel = p.relations().name(r);
                String tail = p.entities().name(pr.entity());
                if (known.add(FactRecord.key(head, rel, tail))) {
                    Rule rule = engine.rules().get(pr.rules()[0]);
                    out.add(new Proposal(head, rel, tail, pr.score(), "rules (cycle " + cycle + ")",
                            RuleFormat.text(rule, p.entities(), p.relations())));
                }
            }
        }
        return out;
    }
}
