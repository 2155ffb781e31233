package org.strata.graph.govern;

import org.strata.graph.config.Option;
import org.strata.graph.config.OptionValues;

/** The governance gate's thresholds and the {@code --admit} switch of the commands that propose facts. */
public final class GateOptions {

    private GateOptions() {
    }

    public static final Option<Integer> FUNCTIONAL_MIN_HEADS = Option.integer("gate", "functional-min-heads")
            .label("N").description("Heads a relation needs (each with one tail) before the gate treats it as "
                    + "functional").defaultValue(10).range(1, 1_000_000).build();

    public static final Option<Double> TYPING_OVERLAP = Option.decimal("gate", "typing-overlap").label("X")
            .description("Share of a relation's ends that must also be ends of r for them to count as r's domain "
                    + "or range").defaultValue(0.5).between(0, 1).build();

    public static final Option<Boolean> ADMIT = Option.flag("gate", "admit")
            .description("Send the proposals through the governance gate into the --store: admitted as CANDIDATE, "
                    + "merged as evidence, or LEFTOVER with counter-evidence, in one undoable delta").build();

    /** The gate's thresholds from typed option values (defaults where unset). */
    public static GateParameters parameters(OptionValues values) {
        return new GateParameters(values.get(FUNCTIONAL_MIN_HEADS), values.get(TYPING_OVERLAP));
    }
}
