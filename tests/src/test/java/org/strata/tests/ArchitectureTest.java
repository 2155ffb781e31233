package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of the code base, read from the sources of every module's main code: no package
 * cycle, a {@code package-info.java} per package, heavy dependencies fenced into one package each, library
 * code that never prints or exits, CLI commands that never call one another, no class grown into two, and
 * the same source layout everywhere (main and test code: no tabs, no trailing blanks, lines of at most
 * {@value #MAX_WIDTH} characters, no wildcard or unused imports).
 * This is the checker that keeps the layout from drifting; {@code ./run-tests} runs it.
 */
class ArchitectureTest {

    private static final List<String> MODULES = List.of("graph-core", "structure-rules", "llm-bridge", "gpu-backend",
            "cli");
    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.strata[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A fully qualified reference in code: lower-case package segments, then a type. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(org\\.strata(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");
    /** Longest main source file, in lines: past it a class is two classes (STYLE.md). */
    private static final int MAX_LINES = 600;
    /** Widest source line. */
    private static final int MAX_WIDTH = 140;

    /** A main source file: its module, package, path and text without comments and string literals. */
    private record Source(String module, String pkg, Path path, String code, String text) {
    }

    private static List<Source> sources;

    @BeforeAll
    static void read() {
        sources = new ArrayList<>();
        Path root = Path.of("..").toAbsolutePath().normalize();
        for (String m : MODULES) {
            Path main = root.resolve(m).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher pm = PACKAGE.matcher(text);
                    assertTrue(pm.find(), f + ": no package declaration");
                    sources.add(new Source(m, pm.group(1), f, withoutCommentsAndStrings(text), text));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(sources.size() > 200, "read " + sources.size() + " source files");
    }

    /** The code with comments, string literals and text blocks blanked, so words in them are not code. */
    static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char q = s.charAt(i);
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != q) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(q).append(q);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The packages each package uses: by import, static import or fully qualified name. */
    private static Map<String, Set<String>> packageGraph() {
        Set<String> known = new TreeSet<>();
        sources.forEach(s -> known.add(s.pkg()));
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Source s : sources) {
            Set<String> out = uses.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            List<String> names = new ArrayList<>();
            Matcher im = IMPORT.matcher(s.text());
            while (im.find()) {
                names.add(im.group(1));
            }
            Matcher qm = QUALIFIED.matcher(s.code());
            while (qm.find()) {
                names.add(qm.group(1) + ".X");
            }
            for (String n : names) {
                String target = packageOf(n, known);
                if (target != null && !target.equals(s.pkg())) {
                    out.add(target);
                }
            }
        }
        return uses;
    }

    /** The longest known package that {@code name} starts with, or null. */
    private static String packageOf(String name, Set<String> known) {
        String p = name;
        while (p.contains(".")) {
            p = p.substring(0, p.lastIndexOf('.'));
            if (known.contains(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void noPackageCycle_anywhere() {
        Map<String, Set<String>> g = packageGraph();
        List<List<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles (each a set of packages that use one another)");
    }

    @Test
    void theCycleCheck_findsACycle_whenOneIsThere() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c")), stronglyConnected(g).stream().filter(c -> c.size() > 1)
                .map(c -> c.stream().sorted().toList()).toList());
    }

    /** Tarjan's strongly connected components, iterative. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String start : g.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            out.add(comp);
        }
    }

    @Test
    void everyPackage_saysWhatItOwns_inAPackageInfo() {
        Set<String> packages = new TreeSet<>();
        Set<String> documented = new TreeSet<>();
        for (Source s : sources) {
            packages.add(s.pkg());
            if (s.path().getFileName().toString().equals("package-info.java")) {
                documented.add(s.pkg());
            }
        }
        packages.removeAll(documented);
        assertEquals(Set.of(), packages, "packages without a package-info.java");
    }

    @Test
    void heavyDependencies_stayFencedInOnePackage() {
        Map<String, String> fence = Map.of("org.janusgraph", "org.strata.graph.janus",
                "dev.langchain4j", "org.strata.llm.client", "java.lang.foreign", "org.strata.gpu.engine.cuda");
        List<String> leaks = new ArrayList<>();
        for (Source s : sources) {
            Matcher im = IMPORT.matcher(s.text());
            while (im.find()) {
                for (Map.Entry<String, String> f : fence.entrySet()) {
                    if (im.group(1).startsWith(f.getKey() + ".") && !(s.pkg().equals(f.getValue())
                            || s.pkg().startsWith(f.getValue() + "."))) {
                        leaks.add(s.path().getFileName() + " (" + s.pkg() + ") imports " + im.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void libraryCode_neverPrintsOrExits() {
        Pattern printing = Pattern.compile("System\\.(out|err|exit)\\b|\\.printStackTrace\\(\\)");
        List<String> offenders = sources.stream().filter(s -> !s.module().equals("cli"))
                .filter(s -> printing.matcher(s.code()).find()).map(s -> s.path().getFileName().toString()).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void commandsAndBenchmarks_neverCallOneAnother() {
        Pattern commandUse = Pattern.compile("\\b([A-Z][A-Za-z]*Command)\\.[a-z_A-Z]");
        List<String> calls = new ArrayList<>();
        for (Source s : sources) {
            if (!s.pkg().equals("org.strata.cli.commands") && !s.pkg().equals("org.strata.cli.bench")) {
                continue;
            }
            String self = s.path().getFileName().toString().replace(".java", "");
            Matcher m = commandUse.matcher(s.code());
            while (m.find()) {
                if (!m.group(1).equals(self)) {
                    calls.add(self + " -> " + m.group(1));
                }
            }
            if (s.pkg().equals("org.strata.cli.bench") && s.text().contains("import org.strata.cli.commands.")) {
                calls.add(self + " imports a command");
            }
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void noSourceFile_outgrowsOneClass() {
        List<String> long_ = new ArrayList<>();
        for (Source s : sources) {
            long lines = s.text().lines().count();
            if (lines > MAX_LINES) {
                long_.add(s.path().getFileName() + ": " + lines + " lines");
            }
        }
        assertEquals(List.of(), long_, "files over " + MAX_LINES + " lines");
    }

    @Test
    void everySourceFile_keepsTheLayout() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        List<String> modules = new ArrayList<>(MODULES);
        modules.add("tests");
        for (String m : modules) {
            try (Stream<Path> files = Files.walk(root.resolve(m).resolve("src"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    problems.addAll(layoutProblems(root.relativize(f).toString(),
                            Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theLayoutCheck_findsEachKindOfProblem() {
        String bad = "package a;\n\nimport java.util.*;\nimport java.util.List;\n\nclass A {\n\tint x; \n    String s = \""
                + "x".repeat(150) + "\";\n}";
        List<String> p = layoutProblems("A.java", bad);
        assertTrue(p.stream().anyMatch(x -> x.contains("wildcard import")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("unused import java.util.List")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("tab")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("trailing blank")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("characters wide")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("no final newline")), p.toString());
    }

    /** What is wrong with a source file's layout, each problem with its file and line. */
    static List<String> layoutProblems(String name, String text) {
        List<String> out = new ArrayList<>();
        if (text.indexOf('\r') >= 0) {
            out.add(name + ": carriage returns (use LF line ends)");
        }
        if (!text.endsWith("\n")) {
            out.add(name + ": no final newline");
        }
        String[] lines = text.split("\n", -1);
        String code = withoutCommentsAndStrings(text.replaceAll("(?m)^import .*$", ""));
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String where = name + ":" + (i + 1) + ": ";
            if (l.indexOf('\t') >= 0) {
                out.add(where + "a tab");
            }
            if (!l.isEmpty() && Character.isWhitespace(l.charAt(l.length() - 1))) {
                out.add(where + "a trailing blank");
            }
            if (l.length() > MAX_WIDTH) {
                out.add(where + l.length() + " characters wide (at most " + MAX_WIDTH + ")");
            }
            Matcher im = Pattern.compile("^import (static )?([\\w.]+)(\\.\\*)?;").matcher(l);
            if (im.find()) {
                if (im.group(3) != null) {
                    out.add(where + "a wildcard import");
                } else if (im.group(1) == null) {
                    String simple = im.group(2).substring(im.group(2).lastIndexOf('.') + 1);
                    if (!Pattern.compile("\\b" + simple + "\\b").matcher(code).find()
                            && !Pattern.compile("\\{@(link|linkplain|value) [^}]*\\b" + simple + "\\b").matcher(text).find()) {
                        out.add(where + "unused import " + im.group(2));
                    }
                }
            }
        }
        return out;
    }
}
