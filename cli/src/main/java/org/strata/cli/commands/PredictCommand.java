package org.strata.cli.commands;

import java.util.List;
import org.strata.cli.shell.Command;
import org.strata.cli.shell.FactSource;
import org.strata.cli.shell.Format;
import org.strata.cli.shell.Invocation;
import org.strata.cli.shell.RuleFiles;
import org.strata.cli.shell.UsageException;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.Option;
import org.strata.graph.projection.Direction;
import org.strata.graph.projection.Projection;
import org.strata.rules.RulesOptions;
import org.strata.rules.apply.Evidence;
import org.strata.rules.job.RuleInference;
import org.strata.rules.combine.CombineOptions;
import org.strata.rules.local.LocalOptions;
import org.strata.rules.combine.NetworkAnswers;
import org.strata.rules.combine.RuleNetwork;
import org.strata.rules.apply.Explainer;
import org.strata.rules.apply.Explanation;
import org.strata.rules.apply.Prediction;
import org.strata.rules.apply.RuleEngine;
import org.strata.rules.model.Rule;
import org.strata.rules.model.RuleFormat;

/** {@code strata predict}: the answers rules give to one query, with the rules and groundings behind them. */
public final class PredictCommand implements Command {

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "Answer (HEAD, R, ?) or (?, R, TAIL) with rules; --explain shows the rules and facts behind each answer";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(GraphOptions.DATA, GraphOptions.STORE, GraphOptions.STORE_CONFIG, RulesOptions.RULES,
                RulesOptions.HEAD, RulesOptions.TAIL, RulesOptions.RELATION, RulesOptions.K, RulesOptions.EXPLAIN,
                RulesOptions.AGGREGATE, RulesOptions.PC, LocalOptions.WEIGHTS,
                CombineOptions.MAX_CANDIDATES, CombineOptions.MAX_RULES);
    }

    @Override
    public int run(Invocation in) {
        String head = in.get(RulesOptions.HEAD);
        String tail = in.get(RulesOptions.TAIL);
        if ((head == null) == (tail == null)) {
            throw new UsageException("strata predict needs exactly one of --head NAME_OR_ID (to find tails) and "
                    + "--tail NAME_OR_ID (to find heads)");
        }
        String relationName = in.require(RulesOptions.RELATION, name());
        try (FactSource source = FactSource.open(in, in.progress())) {
            Projection facts = source.facts();
            int relation = facts.relations().id(relationName);
            if (relation < 0) {
                throw new UsageException("--relation " + relationName + ": no such relation in " + source.description());
            }
            Direction direction = head != null ? Direction.OUT : Direction.IN;
            int entity = head != null ? source.resolve(head, "--head") : source.resolve(tail, "--tail");
            List<Rule> rules = RuleFiles.read(in, facts, name());
            RuleInference inference = RuleInference.of(in);
            double pc = inference.pc();
            RuleNetwork network = RuleFiles.weights(in, rules, facts);
            if (network != null) {
                predictLearned(in, source, rules, network, entity, relation, relationName, direction, inference);
                return 0;
            }
            RuleEngine engine = inference.engine(facts, rules);
            int k = in.get(RulesOptions.K);
            List<Prediction> predictions = engine.newSession(k, RuleEngine.INFERENCE_VISITS, facts)
                    .predict(entity, relation, direction);
            String query = direction == Direction.OUT
                    ? "(" + label(source, entity) + ", " + relationName + ", ?)"
                    : "(?, " + relationName + ", " + label(source, entity) + ")";
            in.out().println((direction == Direction.OUT ? "Tails of " : "Heads of ") + query + " by "
                    + Format.count(rules.size()) + " rules, " + in.get(RulesOptions.AGGREGATE).name().toLowerCase()
                    .replace('_', '-') + "; facts already in " + source.description() + " are not listed");
            if (predictions.isEmpty()) {
                in.out().println("  no rule predicts an answer");
            }
            Explainer explainer = in.get(RulesOptions.EXPLAIN) ? inference.explainer(engine) : null;
            for (int i = 0; i < Math.min(k, predictions.size()); i++) {
                Prediction p = predictions.get(i);
                in.out().printf("  %3d. %-40s %.4f  (%d rules)%n", i + 1, label(source, p.entity()), p.score(),
                        p.rules().length);
                if (explainer != null) {
                    explain(in, source, explainer.explain(entity, direction, p), engine, pc);
                }
            }
        }
        return 0;
    }

    /** The answers of the learned combination, each with its probability and its rules' shares. */
    private static void predictLearned(Invocation in, FactSource source, List<Rule> rules, RuleNetwork network,
                                       int entity, int relation, String relationName, Direction direction,
                                       RuleInference inference) {
        double pc = inference.pc();
        Projection facts = source.facts();
        NetworkAnswers combination = inference.answers(facts, rules, network);
        RuleEngine engine = combination.engine();
        int k = in.get(RulesOptions.K);
        List<NetworkAnswers.Answer> answers = combination.answer(entity, relation, direction, k);
        String query = direction == Direction.OUT
                ? "(" + label(source, entity) + ", " + relationName + ", ?)"
                : "(?, " + relationName + ", " + label(source, entity) + ")";
        in.out().println((direction == Direction.OUT ? "Tails of " : "Heads of ") + query + " by "
                + Format.count(rules.size()) + " rules, learned combination (" + in.get(LocalOptions.WEIGHTS)
                + "); facts already in " + source.description() + " are not listed");
        if (answers.isEmpty()) {
            in.out().println("  no rule predicts an answer");
        }
        Explainer explainer = in.get(RulesOptions.EXPLAIN) ? inference.explainer(engine) : null;
        for (int i = 0; i < answers.size(); i++) {
            NetworkAnswers.Answer a = answers.get(i);
            in.out().printf("  %3d. %-40s score %.4f  p %.4f  (%d rules)%n", i + 1, label(source, a.entity()), a.score(),
                    a.probability(), a.contributions().size());
            if (explainer == null) {
                continue;
            }
            if (a.linkedFactor() != 1) {
                in.out().printf("         score x %s: a known fact already links it to the asked entity%n",
                        Format.decimal(a.linkedFactor(), 2));
            }
            if (a.filledFactor() != 1) {
                in.out().printf("         score x %s: it already fills this place in another %s fact%n",
                        Format.decimal(a.filledFactor(), 2), relationName);
            }
            List<NetworkAnswers.Contribution> shown = a.contributions().subList(0,
                    Math.min(RULES_SHOWN, a.contributions().size()));
            int[] ids = shown.stream().mapToInt(NetworkAnswers.Contribution::rule).toArray();
            Explanation e = explainer.explain(entity, direction, new Prediction(a.entity(), a.score(),
                    new double[ids.length], ids));
            for (NetworkAnswers.Contribution c : shown) {
                Rule rule = engine.rules().get(c.rule());
                in.out().printf("         %5.1f%%  weight %.4f x group %.4f  %s   (confidence %.4f)%n", 100 * c.share(),
                        c.weight(), c.groupWeight(), RuleFormat.text(rule, facts.entities(), facts.relations()),
                        rule.confidence(pc));
                e.because().stream().filter(b -> b.rule() == c.rule()).findFirst().ifPresent(b -> in.out().println(
                        "                 because " + Evidence.describe(rule, b.atoms(), source::name, facts.relations())));
            }
            if (a.contributions().size() > RULES_SHOWN) {
                in.out().println("         ... and " + (a.contributions().size() - RULES_SHOWN) + " more rules ("
                        + Format.decimal(100 * a.contributions().subList(RULES_SHOWN, a.contributions().size()).stream()
                        .mapToDouble(NetworkAnswers.Contribution::share).sum(), 1) + "% of the score)");
            }
        }
    }

    private static String label(FactSource source, int entity) {
        String id = source.facts().entities().name(entity);
        String name = source.name(entity);
        return name.equals(id) ? id : name + " [" + id + "]";
    }

    /** Rules shown per answer; the rest are counted. */
    private static final int RULES_SHOWN = 3;

    private static void explain(Invocation in, FactSource source, Explanation e, RuleEngine engine, double pc) {
        Projection facts = source.facts();
        for (Explanation.Because b : e.because().subList(0, Math.min(RULES_SHOWN, e.because().size()))) {
            Rule rule = engine.rules().get(b.rule());
            in.out().printf("         %.4f  %s   (%d correct of %d predictions)%n", b.confidence(),
                    RuleFormat.text(rule, facts.entities(), facts.relations()), rule.correct(), rule.predicted());
            in.out().println("                 because " + Evidence.describe(rule, b.atoms(), source::name, facts.relations()));
        }
        if (e.because().size() > RULES_SHOWN) {
            in.out().println("         ... and " + (e.because().size() - RULES_SHOWN) + " more rules");
        }
    }
}
