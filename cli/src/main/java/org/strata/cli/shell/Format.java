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
