package org.strata.graph.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the {@link Option} constants of an {@code *Options} class and renders them as a Markdown
 * table, so that documentation is generated from the same declarations the CLI uses.
 */
public final class OptionTable {

    private OptionTable() {
    }

    /** The public static {@link Option} fields of a class, in declaration order. */
    public static List<Option<?>> of(Class<?> optionsClass) {
        List<Option<?>> options = new ArrayList<>();
        for (Field f : optionsClass.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isPublic(m) && Option.class.isAssignableFrom(f.getType())) {
                try {
                    options.add((Option<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read option " + f, e);
                }
            }
        }
        return options;
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A Markdown table: option, value, default, description. */
    public static String markdown(List<Option<?>> options) {
        StringBuilder sb = new StringBuilder();
        sb.append("| option | value | default | description |\n");
        sb.append("|---|---|---|---|\n");
        for (Option<?> o : options) {
            String def = o.defaultValue() == null || o.isFlag() ? "" : "`" + o.render(o.defaultValue()) + "`";
            sb.append("| `").append(o.flag()).append("` | ")
                    .append(o.isFlag() ? "" : o.label().replace("|", "\\|")).append(" | ")
                    .append(def).append(" | ")
                    .append(escape(o.description())).append(" |\n");
        }
        return sb.toString();
    }
}
