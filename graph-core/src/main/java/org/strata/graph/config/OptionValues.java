package org.strata.graph.config;

/**
 * Where a job reads its typed options: the command line in the CLI, the defaults in a library call. A job's
 * parameters are built from these in one place, so defaults and ranges are stated once, in the options.
 */
public interface OptionValues {

    /** The value of {@code option}: as given, or its default. */
    <T> T get(Option<T> option);

    /** These values with {@code option} set to {@code value} (for a job that fixes one of them). */
    default <T> OptionValues with(Option<T> option, T value) {
        OptionValues base = this;
        return new OptionValues() {
            @Override
            @SuppressWarnings("unchecked")
            public <U> U get(Option<U> o) {
                return o == option ? (U) value : base.get(o);
            }
        };
    }

    /** Every option at its default. */
    OptionValues DEFAULTS = new OptionValues() {
        @Override
        public <T> T get(Option<T> option) {
            return option.defaultValue();
        }
    };
}
