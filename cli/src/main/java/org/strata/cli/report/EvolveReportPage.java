package org.strata.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.strata.graph.eval.PromotionCheck;
import org.strata.graph.store.LifecycleState;
import org.strata.rules.evolve.CycleReport;

/**
 * The evolve report as one self-contained HTML page: inline SVG plots (no scripts, no network) of
 * community sizes per level, lifecycle states per cycle, the gate's decisions per cycle and stability
 * between cycles and, with a truth file, the precision and recall of each cycle's promotions; followed by
 * the numbers as tables.
 */
public final class EvolveReportPage {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    /** Fixed colours for the lifecycle states and gate decisions, so every plot uses the same ones. */
    private static final Map<String, String> KNOWN = Map.of(LifecycleState.CANDIDATE.name(), "#4e79a7",
            LifecycleState.STABLE.name(), "#59a14f", LifecycleState.SOLIDIFIED.name(), "#1b5e20",
            LifecycleState.LEFTOVER.name(), "#f28e2b", LifecycleState.DEPRECATED.name(), "#9e9e9e", "admit", "#59a14f", "merge",
            "#4e79a7", "leftover", "#f28e2b", "reject", "#e15759");

    private EvolveReportPage() {
    }

    private static String color(String key, int k) {
        return KNOWN.getOrDefault(key, COLORS[k % COLORS.length]);
    }

    /**
     * The page for these cycles; with {@code truth} (one entry per cycle, or empty), the precision and recall
     * of each cycle's promotions are plotted too.
     */
    public static String html(String store, List<CycleReport> cycles, List<PromotionCheck.Cycle> truth) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Strata evolve report</title>")
                .append("<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:18px}")
                .append("figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}.note{color:#666}</style></head><body>");
        b.append("<h1>Strata evolve report</h1><p class=\"note\">Store ").append(esc(store)).append(", ")
                .append(cycles.size()).append(cycles.size() == 1 ? " cycle" : " cycles")
                .append(cycles.stream().anyMatch(CycleReport::dryRun) ? " (dry run: nothing written)" : "")
                .append(".</p><div class=\"plots\">");
        CycleReport last = cycles.get(cycles.size() - 1);
        b.append(figure("Community sizes per level (last cycle, largest first)", sizesPlot(last.communitySizes())));
        for (String kind : List.of("facts", "rules", "communities")) {
            b.append(figure("Lifecycle states of " + kind + " per cycle", stackedBars(cycles, c -> c.states().get(kind))));
        }
        b.append(figure("Gate decisions per cycle", stackedBars(cycles, c -> without(c.gate(), "proposals"))));
        b.append(figure("Stability between cycles", stabilityPlot(cycles)));
        if (!truth.isEmpty()) {
            b.append(figure("Promotions against the truth file", truthPlot(truth)));
        }
        b.append("</div>");
        if (!truth.isEmpty()) {
            b.append("<h2>Promotions against the truth file</h2><p class=\"note\">Precision: the share of a cycle's "
                    + "promotions to STABLE or SOLIDIFIED that the truth file holds (a fact not in it counts as false). "
                    + "Recall: the share of the truth file's facts in the store that are believed after the cycle.</p>");
            List<String> rows = new ArrayList<>();
            truth.forEach(t -> rows.add("cycle " + t.cycle()));
            b.append(table("cycle", List.of("promoted", "true", "precision", "true in store", "believed", "recall"), rows,
                    (row, col) -> {
                        PromotionCheck.Cycle t = truth.get(rows.indexOf(row));
                        return switch (col) {
                            case "promoted" -> String.valueOf(t.promoted());
                            case "true" -> String.valueOf(t.promotedTrue());
                            case "precision" -> fmt(t.precision());
                            case "true in store" -> String.valueOf(t.trueInStore());
                            case "believed" -> String.valueOf(t.trueBelieved());
                            default -> fmt(t.recall());
                        };
                    }));
        }
        for (CycleReport c : cycles) {
            b.append("<h2>Cycle ").append(c.cycle()).append("</h2>");
            b.append(table("step", List.of("delta", "seconds"), c.deltas().keySet(), (row, col) -> col.equals("delta")
                    ? (c.deltas().get(row) == null ? "-" : c.deltas().get(row)) : fmt(c.seconds().getOrDefault(row, Double.NaN))));
            b.append(mapTable("changes", c.counts()));
            b.append(mapTable("states", c.states()));
            b.append(table("gate", List.of("count"), c.gate().keySet(), (row, col) -> String.valueOf(c.gate().get(row))));
            b.append(table("stability", List.of("value"), c.stability().keySet(),
                    (row, col) -> stability(c.stability().get(row))));
            if (!c.examples().isEmpty()) {
                b.append("<p>Examples of proposals not admitted:</p><ul>");
                c.examples().forEach(e -> b.append("<li>").append(esc(e)).append("</li>"));
                b.append("</ul>");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static Map<String, Long> without(Map<String, Long> m, String key) {
        Map<String, Long> out = new LinkedHashMap<>(m);
        out.remove(key);
        return out;
    }

    private static String figure(String caption, String svg) {
        return "<figure><figcaption>" + esc(caption) + "</figcaption>" + svg + "</figure>";
    }

    /** A stability figure: whole numbers (rules kept, rows that fitted the judge) as counts, as evolve prints them. */
    private static String stability(Double d) {
        return d != null && d == Math.rint(d) && Math.abs(d) < 1e12 ? String.valueOf(Math.round(d)) : fmt(d);
    }

    private static String fmt(Double d) {
        return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private interface Cell {
        String at(String row, String col);
    }

    private static String table(String corner, List<String> cols, Iterable<String> rows, Cell cell) {
        StringBuilder b = new StringBuilder("<table><tr><th>").append(esc(corner)).append("</th>");
        cols.forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
        b.append("</tr>");
        for (String r : rows) {
            b.append("<tr><td>").append(esc(r)).append("</td>");
            for (String c : cols) {
                b.append("<td>").append(esc(cell.at(r, c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static String mapTable(String corner, Map<String, Map<String, Long>> m) {
        Set<String> cols = new LinkedHashSet<>();
        m.values().forEach(v -> cols.addAll(v.keySet()));
        return table(corner, new ArrayList<>(cols), m.keySet(), (row, col) -> {
            Long v = m.get(row).get(col);
            return v == null ? "" : String.valueOf(v);
        });
    }

    private static final int W = 520;
    private static final int H = 240;
    private static final int PAD = 40;

    private static String svgOpen() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" viewBox=\"0 0 " + W
                + " " + H + "\" role=\"img\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\" stroke=\"#ddd\"/>";
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">%s</text>", x,
                y, anchor, esc(s));
    }

    /** One group of bars per level: the sizes of its communities, on a log scale. */
    private static String sizesPlot(List<List<Integer>> sizes) {
        StringBuilder b = new StringBuilder(svgOpen());
        int max = 1;
        for (List<Integer> l : sizes) {
            for (int s : l) {
                max = Math.max(max, s);
            }
        }
        double top = Math.log10(max) + 0.1;
        int levels = Math.max(1, sizes.size());
        double groupW = (W - 2.0 * PAD) / levels;
        for (int l = 0; l < sizes.size(); l++) {
            List<Integer> s = sizes.get(l);
            int shown = Math.min(s.size(), 60);
            double barW = Math.max(1, (groupW - 10) / Math.max(1, shown));
            for (int i = 0; i < shown; i++) {
                double h = (H - 2.0 * PAD) * Math.log10(Math.max(1, s.get(i)) + 1) / (top + 0.1);
                double x = PAD + l * groupW + i * barW;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        x, H - PAD - h, Math.max(0.8, barW - 0.5), h, COLORS[l % COLORS.length]));
            }
            b.append(text(PAD + l * groupW + groupW / 2, H - PAD + 16, "level " + l + ": " + s.size(), "middle"));
        }
        b.append(text(PAD, PAD - 12, "members (log scale), largest " + max, "start"));
        return b.append("</svg>").toString();
    }

    private interface Series {
        Map<String, Long> of(CycleReport c);
    }

    /** One stacked bar per cycle, one colour per key. */
    private static String stackedBars(List<CycleReport> cycles, Series series) {
        Set<String> keys = new LinkedHashSet<>();
        long max = 1;
        for (CycleReport c : cycles) {
            Map<String, Long> m = series.of(c);
            keys.addAll(m.keySet());
            max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
        }
        List<String> keyList = new ArrayList<>(keys);
        StringBuilder b = new StringBuilder(svgOpen());
        double slot = (W - 2.0 * PAD - 120) / Math.max(1, cycles.size());
        for (int i = 0; i < cycles.size(); i++) {
            Map<String, Long> m = series.of(cycles.get(i));
            double y = H - PAD;
            for (int k = 0; k < keyList.size(); k++) {
                long v = m.getOrDefault(keyList.get(k), 0L);
                double h = (H - 2.0 * PAD) * v / max;
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s: %d</title></rect>", PAD + i * slot + slot * 0.15, y - h, slot * 0.7, h,
                        color(keyList.get(k), k), esc(keyList.get(k)), v));
                y -= h;
            }
            b.append(text(PAD + i * slot + slot / 2, H - PAD + 16, "cycle " + cycles.get(i).cycle(), "middle"));
        }
        b.append(text(PAD, PAD - 12, "largest total " + max, "start"));
        for (int k = 0; k < keyList.size(); k++) {
            double y = PAD + k * 16;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    W - 150, y, color(keyList.get(k), k)));
            b.append(text(W - 135, y + 9, keyList.get(k), "start"));
        }
        return b.append("</svg>").toString();
    }

    /** ARI, ids kept, rule churn and the STABLE share per cycle, on a 0..1 axis. */
    private static String stabilityPlot(List<CycleReport> cycles) {
        List<String> keys = List.of("ariLevel0", "idsKeptLevel0", "ruleChurn", "stableFactShare");
        List<Map<String, Double>> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (CycleReport c : cycles) {
            values.add(c.stability());
            labels.add("cycle " + c.cycle());
        }
        return linePlot(keys, values, labels);
    }

    /** The precision and the recall of each cycle's promotions, on a 0..1 axis. */
    private static String truthPlot(List<PromotionCheck.Cycle> truth) {
        List<Map<String, Double>> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (PromotionCheck.Cycle t : truth) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("precision", t.precision());
            m.put("recall", t.recall());
            values.add(m);
            labels.add("cycle " + t.cycle());
        }
        return linePlot(List.of("precision", "recall"), values, labels);
    }

    /** One line per key over the points (a missing or NaN value leaves a gap), on a 0..1 axis. */
    private static String linePlot(List<String> keys, List<Map<String, Double>> points, List<String> labels) {
        StringBuilder b = new StringBuilder(svgOpen());
        double slot = (W - 2.0 * PAD - 120) / Math.max(1, points.size());
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", PAD, H - PAD,
                W - 160, H - PAD));
        b.append(text(PAD - 4, H - PAD, "0", "end")).append(text(PAD - 4, PAD + 4, "1", "end"));
        for (int k = 0; k < keys.size(); k++) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Double v = points.get(i).get(keys.get(k));
                if (v == null || v.isNaN()) {
                    continue;
                }
                double x = PAD + i * slot + slot / 2;
                double y = H - PAD - (H - 2.0 * PAD) * Math.max(0, Math.min(1, v));
                path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %.3f"
                        + "</title></circle>", x, y, COLORS[k], keys.get(k), v));
            }
            if (!path.isEmpty()) {
                b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(COLORS[k])
                        .append("\" stroke-width=\"2\"/>");
            }
            double y = PAD + k * 16;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                    W - 150, y, COLORS[k]));
            b.append(text(W - 135, y + 9, keys.get(k), "start"));
        }
        for (int i = 0; i < points.size(); i++) {
            b.append(text(PAD + i * slot + slot / 2, H - PAD + 16, labels.get(i), "middle"));
        }
        return b.append("</svg>").toString();
    }

    /** Writes report.json and report.html for these cycles into {@code dir}, each atomically. */
    public static void write(java.nio.file.Path dir, String store, List<CycleReport> reports,
                             List<PromotionCheck.Cycle> truth) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create report directory " + dir, e);
        }
        List<Map<String, Object>> json = new java.util.ArrayList<>();
        reports.forEach(r -> json.add(r.asMap()));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("store", store);
        all.put("cycles", json);
        if (!truth.isEmpty()) {
            all.put("truth", truth);
        }
        org.strata.cli.shell.JsonOutput.write(dir.resolve("report.json"), all);
        org.strata.graph.io.AtomicFile.write(dir.resolve("report.html"),
                html(store, reports, truth).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
