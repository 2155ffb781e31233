package org.strata.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strata.graph.TestData;

class TripleReaderTest {

    @TempDir
    Path dir;

    private List<String> read(Path file, TripleFormat format) {
        List<String> out = new ArrayList<>();
        TripleReader.read(file, format, (h, r, t, line) -> out.add(line + ":" + h + "|" + r + "|" + t));
        return out;
    }

    private InputException fails(String content, TripleFormat format) {
        Path f = TestData.write(dir, "bad.txt", content);
        return assertThrows(InputException.class, () -> read(f, format));
    }

    @Test
    void tsv_readsFieldsWithLineNumbers_skipsEmptyLines_acceptsCrlf() {
        Path f = TestData.write(dir, "ok.tsv", "a\tr\tb\n\nc\ts\td\r\ne f\tr\tg h");
        assertEquals(List.of("1:a|r|b", "3:c|s|d", "4:e f|r|g h"), read(f, TripleFormat.TSV));
    }

    @Test
    void aByteOrderMark_isDropped_inTsvAndJsonl_andReported() {
        Path tsv = TestData.write(dir, "bom.tsv", "\uFEFFa\tr\tb\n");
        assertEquals(List.of("1:a|r|b"), read(tsv, TripleFormat.TSV));
        assertTrue(TripleReader.readFile(tsv, TripleFormat.TSV, (h, r, t, l) -> { }).byteOrderMark());
        Path jsonl = TestData.write(dir, "bom.jsonl", "\uFEFF{\"head\":\"a\",\"relation\":\"r\",\"tail\":\"b\"}\n");
        assertEquals(List.of("1:a|r|b"), read(jsonl, TripleFormat.JSONL));
        Path plain = TestData.write(dir, "plain.tsv", "a\tr\tb\n");
        assertFalse(TripleReader.readFile(plain, TripleFormat.TSV, (h, r, t, l) -> { }).byteOrderMark());
        // only at the very start: a mark inside a later line is text, left as it is
        Path later = TestData.write(dir, "later.tsv", "a\tr\tb\n\uFEFFc\tr\td\n");
        assertEquals(List.of("1:a|r|b", "2:\uFEFFc|r|d"), read(later, TripleFormat.TSV));
    }

    @Test
    void tsv_wrongFieldCount_namesFileAndLine() {
        InputException e = fails("a\tr\tb\na\tr\n", TripleFormat.TSV);
        assertEquals(dir.resolve("bad.txt") + ":2: expected 3 tab-separated fields, got 2", e.getMessage());
        assertEquals(2, e.line());
        e = fails("a\tr\tb\tc\n", TripleFormat.TSV);
        assertEquals(dir.resolve("bad.txt") + ":1: expected 3 tab-separated fields, got 4", e.getMessage());
    }

    @Test
    void tsv_emptyField_namesTheField() {
        assertEquals(dir.resolve("bad.txt") + ":1: field 2 (relation) is empty", fails("a\t \tb\n", TripleFormat.TSV).getMessage());
        assertEquals(dir.resolve("bad.txt") + ":2: field 3 (tail) is empty", fails("a\tr\tb\na\tr\t\n", TripleFormat.TSV).getMessage());
    }

    @Test
    void invalidUtf8_isRejectedWithBytePosition() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, new byte[] {'a', '\t', 'r', '\t', 'b', '\n', 'c', 'a', 'f', (byte) 0xE9, '\t', 'r', '\t', 'b', '\n'});
        InputException e = assertThrows(InputException.class, () -> read(f, TripleFormat.TSV));
        assertEquals(f + ":2: invalid UTF-8 at byte 4", e.getMessage());
    }

    @Test
    void lineOverLimit_isRejected_butLineAtLimitIsRead() {
        String atLimit = "h\tr\t" + "x".repeat(LineReader.MAX_LINE_BYTES - 4);
        Path ok = TestData.write(dir, "ok.txt", atLimit + "\n");
        assertEquals(1, read(ok, TripleFormat.TSV).size());
        InputException e = fails("a\tr\tb\n" + atLimit + "y\n", TripleFormat.TSV);
        assertEquals(dir.resolve("bad.txt") + ":2: line is longer than 65536 bytes", e.getMessage());
    }

    @Test
    void unreadableFiles_areNamed() {
        Path missing = dir.resolve("missing.txt");
        InputException e = assertThrows(InputException.class, () -> read(missing, TripleFormat.TSV));
        assertEquals(missing + ": cannot read: no such file", e.getMessage());
        e = assertThrows(InputException.class, () -> read(dir, TripleFormat.TSV));
        assertEquals(dir + ": cannot read: is a directory", e.getMessage());
    }

    @Test
    void jsonl_readsObjects_andRejectsBadOnesByField() {
        Path f = TestData.write(dir, "ok.jsonl", "{\"head\":\"a\",\"relation\":\"r\",\"tail\":\"b\"}\n"
                + "{\"tail\":\"é\",\"relation\":\"s\",\"head\":\"c\"}\n");
        assertEquals(List.of("1:a|r|b", "2:c|s|é"), read(f, TripleFormat.JSONL));
        String name = dir.resolve("bad.txt").toString();
        assertEquals(name + ":1: field \"tail\" is missing",
                fails("{\"head\":\"a\",\"relation\":\"r\"}", TripleFormat.JSONL).getMessage());
        assertEquals(name + ":1: field \"head\" must be a string, got number",
                fails("{\"head\":1,\"relation\":\"r\",\"tail\":\"b\"}", TripleFormat.JSONL).getMessage());
        assertEquals(name + ":1: unknown field \"weight\" (expected head, relation, tail)",
                fails("{\"head\":\"a\",\"relation\":\"r\",\"tail\":\"b\",\"weight\":1}", TripleFormat.JSONL).getMessage());
        assertEquals(name + ":1: field \"relation\" is empty",
                fails("{\"head\":\"a\",\"relation\":\"\",\"tail\":\"b\"}", TripleFormat.JSONL).getMessage());
        assertEquals(name + ":1: expected a JSON object with head, relation and tail",
                fails("[1,2]", TripleFormat.JSONL).getMessage());
        InputException broken = fails("{\"head\":\"a\",", TripleFormat.JSONL);
        assertEquals(1, broken.line());
        assertEquals(true, broken.getMessage().startsWith(name + ":1: invalid JSON: "), broken.getMessage());
    }

    @Test
    void read_returnsSha256OfTheBytes() throws Exception {
        String content = "a\tr\tb\nc\ts\td\n";
        Path f = TestData.write(dir, "ok.tsv", content);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, TripleReader.read(f, TripleFormat.TSV, (h, r, t, l) -> { }));
    }

    @Test
    void attributes_readNamesAndRejectDuplicates() {
        Path f = TestData.write(dir, "names.tsv", "a\tAlpha beta\nb\tBee\n");
        assertEquals(java.util.Map.of("a", "Alpha beta", "b", "Bee"), AttributeReader.read(f, "name"));
        Path dup = TestData.write(dir, "dup.tsv", "a\tAlpha\na\tAgain\n");
        InputException e = assertThrows(InputException.class, () -> AttributeReader.read(dup, "name"));
        assertEquals(dup + ":2: id 'a' was already given a name", e.getMessage());
        Path three = TestData.write(dir, "three.tsv", "a\tx\ty\n");
        e = assertThrows(InputException.class, () -> AttributeReader.read(three, "name"));
        assertEquals(three + ":1: expected 2 tab-separated fields (id, name), got 3", e.getMessage());
    }
}
