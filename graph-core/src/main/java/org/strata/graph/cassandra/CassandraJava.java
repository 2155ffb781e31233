package org.strata.graph.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that Cassandra 5.0 runs on (11 or 17; it calls {@code System.setSecurityManager}, which
 * later JDKs refuse): {@value #ENV} when set, then {@code JAVA_HOME}, then the usual install folders.
 */
public final class CassandraJava {

    private CassandraJava() {
    }

    /** The environment variable that names the JDK for Cassandra, overriding the search. */
    public static final String ENV = "STRATA_CASSANDRA_JAVA_HOME";

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /**
     * A JDK 17 (preferred) or 11 home.
     *
     * @throws IllegalStateException naming where it looked, when there is none
     */
    public static Path find() {
        String named = System.getenv(ENV);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            int v = major(p);
            if (v != 17 && v != 11) {
                throw new IllegalStateException(ENV + "=" + named + " is not a JDK 11 or 17 home (found "
                        + (v < 0 ? "no JDK" : "JDK " + v) + ")");
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home));
        }
        for (String root : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines")) {
            Path r = Path.of(root);
            if (Files.isDirectory(r)) {
                try (Stream<Path> s = Files.list(r)) {
                    s.sorted().forEach(p -> {
                        candidates.add(p);
                        candidates.add(p.resolve("Contents/Home"));
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + r, e);
                }
            }
        }
        for (int wanted : new int[] {17, 11}) {
            for (Path c : candidates) {
                if (major(c) == wanted) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("Cassandra 5.0 needs a JDK 17 or 11 and none was found (looked at JAVA_HOME, "
                + "/usr/lib/jvm, /usr/java, /opt/java); install one or set " + ENV);
    }

    /** The major version of the JDK at {@code home}, from its release file; -1 when it is none. */
    static int major(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return -1;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
