package org.strata.cli.shell;

import java.util.Locale;

/** Number formatting for people: thousands separators, fixed decimals, sizes. */
public final class Format {

    private Format() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String decimal(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    /** A share in [0, 1] as a percentage with one decimal: {@code 0.378} is {@code 37.8 %}. */
    public static String percent(double share) {
        return decimal(100 * share, 1) + " %";
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return decimal(v, 1) + " " + units[u];
    }
}
