package org.strata.rules.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strata.graph.config.GraphOptions;
import org.strata.graph.config.OptionValues;
import org.strata.graph.govern.GateOptions;
import org.strata.rules.RulesOptions;

/** An evolve cycle's settings come from the typed options in one place, the rule options included. */
class EvolveSettingsTest {

    @Test
    void ruleOptions_reachTheCyclesRuleLearning() {
        EvolveSettings s = EvolveOptions.settings(OptionValues.DEFAULTS.with(RulesOptions.MAX_ACYCLIC, 2)
                .with(RulesOptions.MAX_CYCLIC, 2).with(RulesOptions.PC, 3.0).with(RulesOptions.NO_ZERO_RULES, true)
                .with(EvolveOptions.RULE_SECONDS, 7.5).with(GraphOptions.THREADS, 3)
                .with(GateOptions.FUNCTIONAL_MIN_HEADS, 4));
        assertEquals(2, s.rules().maxAcyclic());
        assertEquals(2, s.rules().maxCyclic());
        assertEquals(3.0, s.rules().pc());
        assertEquals(false, s.rules().zeroRules());
        assertEquals(7.5, s.rules().seconds(), "the cycle's budget is --rule-seconds, not --seconds");
        assertEquals(0, s.rules().rounds());
        assertEquals(3, s.threads());
        assertEquals(4, s.gate().functionalMinHeads());
    }

    @Test
    void ruleRounds_replaceTheCyclesTimeBudget_andTheRuleGroupsRoundsDoNotReachIt() {
        EvolveSettings rounds = EvolveOptions.settings(OptionValues.DEFAULTS.with(EvolveOptions.RULE_ROUNDS, 6)
                .with(EvolveOptions.RULE_SECONDS, 7.5));
        assertEquals(6, rounds.rules().rounds());
        assertEquals(0, rounds.rules().seconds(), "rounds, not a time budget");
        EvolveSettings budget = EvolveOptions.settings(OptionValues.DEFAULTS.with(RulesOptions.ROUNDS, 9));
        assertEquals(0, budget.rules().rounds(), "--rounds is rules learn's; a cycle reads --rule-rounds");
        assertTrue(budget.rules().seconds() > 0);
    }

    @Test
    void aBadCombination_isRefused_namingTheFieldAndItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvolveOptions.settings(
                OptionValues.DEFAULTS.with(EvolveOptions.TO_STABLE, 5).with(EvolveOptions.TO_SOLIDIFIED, 3)));
        assertTrue(e.getMessage().contains("toSolidified") && e.getMessage().contains("got 3"), e.getMessage());
    }

    @Test
    void theJudgesCalibration_drawsMoreOfALabelledSetByDefault_andWhatIsGivenOtherwise() {
        assertEquals(EvolveOptions.BELIEVED_CALIBRATION_FACTS, EvolveOptions.judgeParameters(OptionValues.DEFAULTS)
                .calibrationFacts());
        OptionValues labelled = OptionValues.DEFAULTS.with(EvolveOptions.CALIBRATE_TRUE, "true.tsv")
                .with(EvolveOptions.CALIBRATE_FALSE, "false.tsv");
        assertEquals(EvolveOptions.LABELLED_CALIBRATION_FACTS, EvolveOptions.judgeParameters(labelled)
                .calibrationFacts());
        assertTrue(EvolveOptions.LABELLED_CALIBRATION_FACTS > EvolveOptions.BELIEVED_CALIBRATION_FACTS);
        assertEquals(300, EvolveOptions.judgeParameters(labelled.with(EvolveOptions.CALIBRATION_FACTS, 300))
                .calibrationFacts());
        assertEquals(300, EvolveOptions.judgeParameters(OptionValues.DEFAULTS.with(EvolveOptions.CALIBRATION_FACTS, 300))
                .calibrationFacts());
    }
}
