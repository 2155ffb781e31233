package org.strata.rules.job;

import java.util.List;
import org.strata.graph.config.OptionValues;
import org.strata.graph.eval.LinkScorer;
import org.strata.graph.projection.Projection;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.Aggregation;
import org.strata.rules.apply.Explainer;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.apply.RuleScorer;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.NetworkScorer;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.model.Rule;

/**
 * How rules answer queries, said once for evaluation, prediction and evolve: a fixed aggregation
 * (max-plus by default) or a learned combination ({@link RuleNetwork}), with the same search limits.
 *
 * @param pc            the smoothing constant of the rule confidences
 * @param aggregation   the fixed aggregation, when no learned combination is given
 * @param candidates    answers ranked per query (the evaluation's filter is ranked but not counted)
 * @param settle        answers whose score ties are broken by further confidences
 * @param maxCandidates answers the learned combination scores per query
 * @param maxRules      rules per answer the learned combination counts
 */
public record RuleInference(double pc, Aggregation aggregation, int candidates, int settle, int maxCandidates,
                            int maxRules) {

    private static final int TIE_DEPTH = RuleEngine.TIE_DEPTH;
    private static final int MAX_VISITS = RuleEngine.INFERENCE_VISITS;

    public RuleInference {
        if (pc < 0) {
            throw new IllegalArgumentException("pc must be at least 0, got " + pc);
        }
        if (candidates < 1 || settle < 0 || maxCandidates < 1 || maxRules < 1) {
            throw new IllegalArgumentException("candidates, maxCandidates and maxRules must be positive and settle at "
                    + "least 0, got " + candidates + ", " + maxCandidates + ", " + maxRules + " and " + settle);
        }
    }

    /** From typed option values. */
    public static RuleInference of(OptionValues values) {
        return new RuleInference(values.get(RulesOptions.PC), values.get(RulesOptions.AGGREGATE),
                values.get(RulesOptions.CANDIDATES), values.get(RulesOptions.SETTLE),
                values.get(CombineOptions.MAX_CANDIDATES), values.get(CombineOptions.MAX_RULES));
    }

    /** The engine that applies the rules with the fixed aggregation. */
    public RuleEngine engine(Projection facts, List<Rule> rules) {
        return new RuleEngine(facts, rules, pc, aggregation, TIE_DEPTH);
    }

    /** The engine that fires the rules for a learned combination (it sums their contributions itself). */
    public RuleEngine firing(Projection facts, List<Rule> rules) {
        return new RuleEngine(facts, rules, pc, Aggregation.NOISY_OR, 1);
    }

    /**
     * The scorer for link prediction: the learned combination when {@code network} is given, the fixed
     * aggregation otherwise; answers in {@code known} are the evaluation's filter.
     */
    public LinkScorer scorer(Projection train, List<Rule> rules, RuleNetwork network, Projection known) {
        return network != null ? scorer(firing(train, rules), network, known) : scorer(engine(train, rules), known);
    }

    /** The fixed aggregation's scorer over an engine built by {@link #engine}. */
    public LinkScorer scorer(RuleEngine engine, Projection known) {
        return new RuleScorer(engine, candidates, Math.min(candidates, settle), MAX_VISITS, known);
    }

    /** The learned combination's scorer over an engine built by {@link #firing}. */
    public LinkScorer scorer(RuleEngine firing, RuleNetwork network, Projection known) {
        return new NetworkScorer(firing, network, maxCandidates, maxRules, MAX_VISITS, known);
    }

    /** The learned combination's answers with their rules' shares; facts in {@code known} are left out. */
    public NetworkAnswers answers(Projection facts, List<Rule> rules, RuleNetwork network) {
        return answers(firing(facts, rules), network, facts);
    }

    /**
     * The same over an engine built by {@link #firing}; one per thread (it holds a session). Facts in
     * {@code known} are not proposed as answers.
     */
    public NetworkAnswers answers(RuleEngine firing, RuleNetwork network, Projection known) {
        return new NetworkAnswers(firing, network, known, maxCandidates, maxRules, MAX_VISITS);
    }

    /** What explains an engine's answers: the rules and one grounding each. */
    public Explainer explainer(RuleEngine engine) {
        return new Explainer(engine, pc, MAX_VISITS);
    }
}
