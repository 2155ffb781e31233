package org.strata.graph.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed configuration option: a namespace, a name, a description, a default and a validator.
 *
 * <p>Options are declared once, as constants of a module's {@code *Options} class, and everything a
 * user sees is generated from them: the CLI flag {@code --name}, its {@code --help} text and the README's
 * options table. {@link #parse(String)} turns a raw string into a checked value; every error names the
 * option and the offending value ("--port must be between 1 and 65535, got 70000").
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class Option<T> {

    /** Checks a parsed value and returns {@code null} when it is fine, or what is wrong with it. */
    @FunctionalInterface
    public interface Validator<T> {
        String problem(T value);
    }

    private final String namespace;
    private final String name;
    private final String label;
    private final String description;
    private final T defaultValue;
    private final Class<T> type;
    private final Function<String, T> parser;
    private final Validator<T> validator;
    private final boolean repeatable;

    private Option(String namespace, String name, String label, String description, T defaultValue,
                   Class<T> type, Function<String, T> parser, Validator<T> validator, boolean repeatable) {
        this.repeatable = repeatable;
        this.namespace = requireText(namespace, "namespace");
        this.name = requireText(name, "name");
        this.label = label;
        this.description = requireText(description, "description");
        this.defaultValue = defaultValue;
        this.type = Objects.requireNonNull(type, "type");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.validator = validator == null ? v -> null : validator;
        if (defaultValue != null) {
            String problem = this.validator.problem(defaultValue);
            if (problem != null) {
                throw new IllegalArgumentException("default of --" + name + " is invalid: " + problem);
            }
        }
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    /** Starts a string option. */
    public static Builder<String> string(String namespace, String name) {
        return new Builder<>(namespace, name, String.class, s -> s);
    }

    /** Starts an integer option. */
    public static Builder<Integer> integer(String namespace, String name) {
        return new Builder<>(namespace, name, Integer.class, s -> {
            try {
                return Integer.valueOf(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + s + "'");
            }
        });
    }

    /** Starts a long option. */
    public static Builder<Long> longValue(String namespace, String name) {
        return new Builder<>(namespace, name, Long.class, s -> {
            try {
                return Long.valueOf(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + s + "'");
            }
        });
    }

    /** Starts a decimal option. */
    public static Builder<Double> decimal(String namespace, String name) {
        return new Builder<>(namespace, name, Double.class, s -> {
            try {
                double v = Double.parseDouble(s.trim());
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got '" + s + "'");
            }
        });
    }

    /** Starts a boolean flag (given without a value on the command line). */
    public static Builder<Boolean> flag(String namespace, String name) {
        return new Builder<>(namespace, name, Boolean.class, s -> switch (s.trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        }).defaultValue(Boolean.FALSE);
    }

    /** Starts an option whose values are the constants of an enum, written in lower case. */
    public static <E extends Enum<E>> Builder<E> choice(String namespace, String name, Class<E> type) {
        return new Builder<>(namespace, name, type, s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s.trim().replace('-', '_'))) {
                    return e;
                }
            }
            throw new IllegalArgumentException("expected one of " + choices(type) + ", got '" + s + "'");
        }).label(choices(type).replace(", ", "|"));
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(e.name().toLowerCase().replace('_', '-'));
        }
        return sb.toString();
    }

    /** Parses and validates a raw value; the message of the exception names the option. */
    public T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
        }
        validate(value);
        return value;
    }

    /** Validates a value given programmatically. */
    public T validate(T value) {
        if (value != null) {
            String problem = validator.problem(value);
            if (problem != null) {
                throw new IllegalArgumentException("--" + name + " " + problem + ", got " + render(value));
            }
        }
        return value;
    }

    /** Renders a value as a user would write it. */
    public String render(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase().replace('_', '-');
        }
        return String.valueOf(value);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The command-line flag, {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    /** The placeholder shown in help for the value ({@code DIR}, {@code PORT}); empty for flags. */
    public String label() {
        return label == null ? "" : label;
    }

    public String description() {
        return description;
    }

    /** The default, or {@code null} when the option has none. */
    public T defaultValue() {
        return defaultValue;
    }

    public Class<T> type() {
        return type;
    }

    /** Whether this is a flag that takes no value on the command line. */
    public boolean isFlag() {
        return type == Boolean.class;
    }

    /** Whether the option may be given several times; each value is parsed and checked on its own. */
    public boolean isRepeatable() {
        return repeatable;
    }

    @Override
    public String toString() {
        return namespace + "." + name;
    }

    /** Builds an {@link Option}. */
    public static final class Builder<T> {
        private final String namespace;
        private final String name;
        private final Class<T> type;
        private final Function<String, T> parser;
        private String label;
        private String description;
        private T defaultValue;
        private Validator<T> validator;
        private boolean repeatable;

        private Builder(String namespace, String name, Class<T> type, Function<String, T> parser) {
            this.namespace = namespace;
            this.name = name;
            this.type = type;
            this.parser = parser;
        }

        public Builder<T> label(String label) {
            this.label = label;
            return this;
        }

        public Builder<T> description(String description) {
            this.description = description;
            return this;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        public Builder<T> validator(Validator<T> validator) {
            this.validator = validator;
            return this;
        }

        /** Requires a decimal in {@code [min, max]}. */
        public Builder<T> between(double min, double max) {
            this.validator = v -> {
                double x = ((Number) v).doubleValue();
                return x < min || x > max ? "must be between " + min + " and " + max : null;
            };
            return this;
        }

        /** Requires a number in {@code [min, max]}. */
        public Builder<T> range(long min, long max) {
            this.validator = v -> {
                long x = ((Number) v).longValue();
                return x < min || x > max ? "must be between " + min + " and " + max : null;
            };
            return this;
        }

        /** Lets the option be given several times (without a default). */
        public Builder<T> repeatable() {
            this.repeatable = true;
            return this;
        }

        public Option<T> build() {
            if (repeatable && defaultValue != null) {
                throw new IllegalArgumentException("repeatable option --" + name + " cannot have a default");
            }
            return new Option<>(namespace, name, label, description, defaultValue, type, parser, validator, repeatable);
        }
    }
}
