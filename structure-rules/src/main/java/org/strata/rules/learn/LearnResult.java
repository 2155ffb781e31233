package org.strata.rules.learn;

import java.util.List;
import org.strata.rules.model.Rule;

/**
 * What a learning run produced.
 *
 * @param rules          the rules kept, sorted by confidence (then predictions, then shape), measured
 * @param rounds         rounds completed; rerun with this many rounds and the same seed to get the same rules
 * @param samples        paths sampled
 * @param candidates     distinct rules measured
 * @param seconds        wall time
 */
public record LearnResult(List<Rule> rules, int rounds, long samples, long candidates, double seconds) {
}
