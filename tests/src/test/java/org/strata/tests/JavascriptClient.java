package org.strata.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The official JavaScript Gremlin driver (npm gremlin 3.7.3, locked), installed once into target/ for the tests. */
final class JavascriptClient {

    private JavascriptClient() {
    }

    /** Copies the npm project to target/js-client and installs its locked dependencies; returns the folder. */
    static synchronized Path install() throws Exception {
        Path source = Path.of("src", "test", "js").toAbsolutePath();
        Path target = Path.of("target", "js-client").toAbsolutePath();
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(target.resolve("node_modules").resolve("gremlin"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
                    .redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm ci timed out");
            assertEquals(0, npm.exitValue(), "npm ci failed (node and npm are needed for this test):\n" + log);
        }
        return target;
    }

    /** Runs {@code node script args...} in the client folder; returns its standard output (it must exit 0). */
    static String run(String script, String... args) throws Exception {
        Path js = install();
        List<String> cmd = new ArrayList<>(List.of("node", js.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process node = new ProcessBuilder(cmd).directory(js.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(180, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, node.exitValue(), "node failed; stdout: " + output);
        return output;
    }
}
