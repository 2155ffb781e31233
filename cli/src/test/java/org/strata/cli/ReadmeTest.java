package org.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strata.cli.commands.OptionsCommand;

/** The README says what the code does: its two first commands, and the options table generated from code. */
class ReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void optionsTable_isTheOneTheCodeGenerates() throws Exception {
        String readme = readme();
        String begin = "<!-- options:begin -->\n";
        int from = readme.indexOf(begin) + begin.length();
        int to = readme.indexOf("<!-- options:end -->");
        assertTrue(from > begin.length() && to > from, "README lacks the options markers");
        assertEquals(OptionsCommand.markdown(), readme.substring(from, to),
                "README options table is stale: regenerate it with ./strata options");
    }

    @Test
    void startsWithTheQuickstartAndTheTestCommand() throws Exception {
        String readme = readme();
        int block = readme.indexOf("```sh\n");
        List<String> lines = readme.substring(block + 6, readme.indexOf("```", block + 6)).lines().toList();
        assertTrue(lines.get(0).startsWith("./strata quickstart"), lines.toString());
        assertTrue(lines.get(1).startsWith("./run-tests"), lines.toString());
        String ci = Files.readString(Path.of("..", ".ci", "run"), StandardCharsets.UTF_8);
        assertTrue(ci.strip().endsWith("exec ./run-tests"), ".ci/run must run exactly the README's test command");
    }
}
