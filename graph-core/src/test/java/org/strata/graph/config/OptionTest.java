package org.strata.graph.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.strata.graph.io.TripleFormat;

class OptionTest {

    @Test
    void parse_checksTypeAndRange_namingOptionAndValue() {
        assertEquals(8182, GraphOptions.PORT.parse("8182"));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> GraphOptions.PORT.parse("0"));
        assertEquals("--port must be between 1 and 65535, got 0", range.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> GraphOptions.PORT.parse("http"));
        assertEquals("--port: expected a whole number, got 'http'", type.getMessage());
        assertEquals(10_000, GraphOptions.BATCH_SIZE.parse("10_000"));
    }

    @Test
    void choices_areCaseInsensitive_andListedInErrors() {
        assertEquals(TripleFormat.JSONL, GraphOptions.FORMAT.parse("JSONL"));
        assertEquals("tsv|jsonl|graphdoc", GraphOptions.FORMAT.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphOptions.FORMAT.parse("csv"));
        assertEquals("--format: expected one of tsv, jsonl, graphdoc, got 'csv'", e.getMessage());
    }

    @Test
    void anInvalidDefault_isRefusedWhenTheOptionIsDeclared() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Option.integer("x", "n").description("n").defaultValue(0).range(1, 5).build());
        assertEquals("default of --n is invalid: must be between 1 and 5", e.getMessage());
    }

    @Test
    void table_listsEveryOption_withDefaults_andEscapesMarkdown() {
        String table = OptionTable.markdown(OptionTable.of(GraphOptions.class));
        for (Option<?> o : OptionTable.of(GraphOptions.class)) {
            assertTrue(table.contains("| `" + o.flag() + "` |"), o.flag());
        }
        assertTrue(table.contains("| `--port` | PORT | `8182` |"), table);
        assertTrue(table.contains("tsv\\|jsonl"), table);
        assertTrue(table.contains("head&lt;TAB&gt;relation"), table);
    }
}
