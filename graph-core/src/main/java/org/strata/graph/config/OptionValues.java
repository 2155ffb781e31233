package org.strata.graph.config;

/**
 * Where a job reads its typed options: the command line in the CLI, the defaults in a library call. A job's
 * parameters are built from these in one place, so defaults and ranges are stated once, in the options.
 */
public interface OptionValues {

    /** The value of {@code option}: as given, or its default. */
    <T> T get(Option<T> option);

    /** Every option at its default. */
    OptionValues DEFAULTS = new OptionValues() {
        @Override
        public <T> T get(Option<T> option) {
            return option.defaultValue();
        }
    };
}
