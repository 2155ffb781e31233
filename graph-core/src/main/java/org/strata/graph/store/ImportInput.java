package org.strata.graph.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.strata.graph.io.AttributeReader;
import org.strata.graph.io.InputException;
import org.strata.graph.io.TripleReader;
import org.strata.graph.io.TripleSink;
import org.strata.graph.projection.Dictionary;
import org.strata.graph.projection.IntList;

/**
 * The validated content of an import request, read completely before anything is written: every
 * triple as dense ids with the file and line it came from, the files' checksums, and the names.
 *
 * <p>Reading it is the validation step: a bad line anywhere throws an {@link InputException} and the
 * store is never touched.
 */
public final class ImportInput {

    /**
     * One file read: its path as given, its absolute path, its SHA-256, its number of triple lines, and
     * whether it began with a UTF-8 byte-order mark (dropped).
     */
    public record SourceFile(Path path, Path absolutePath, String sha256, long triples, boolean byteOrderMark) {
    }

    private final List<SourceFile> files;
    private final Dictionary entities;
    private final Dictionary relations;
    private final int[] heads;
    private final int[] rels;
    private final int[] tails;
    private final int[] fileIndex;
    private final long[] lines;
    private final int[] relationFirstLine;
    private final int[] relationFirstFile;
    private final Map<String, String> names;

    private ImportInput(List<SourceFile> files, Dictionary entities, Dictionary relations, int[] heads, int[] rels,
                        int[] tails, int[] fileIndex, long[] lines, int[] relationFirstLine,
                        int[] relationFirstFile, Map<String, String> names) {
        this.files = files;
        this.entities = entities;
        this.relations = relations;
        this.heads = heads;
        this.rels = rels;
        this.tails = tails;
        this.fileIndex = fileIndex;
        this.lines = lines;
        this.relationFirstLine = relationFirstLine;
        this.relationFirstFile = relationFirstFile;
        this.names = names;
    }

    /** Reads and checks every file of the request. */
    public static ImportInput read(ImportRequest request) {
        Collector c = new Collector();
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < request.files().size(); i++) {
            Path file = request.files().get(i);
            int before = c.heads.size();
            c.fileIdx = i;
            org.strata.graph.io.LineReader.Read read = TripleReader.readFile(file, request.format(), c);
            files.add(new SourceFile(file, file.toAbsolutePath().normalize(), read.sha256(), c.heads.size() - before,
                    read.byteOrderMark()));
        }
        Map<String, String> names = request.namesFile() == null ? Map.of()
                : AttributeReader.read(request.namesFile(), "name");
        return new ImportInput(List.copyOf(files), c.entities, c.relations, c.heads.toArray(), c.rels.toArray(),
                c.tails.toArray(), c.files.toArray(), Arrays.copyOf(c.lines, c.heads.size()),
                c.relationFirstLine.toArray(), c.relationFirstFile.toArray(), names);
    }

    /** Accumulates triples as dense ids while the files are read. */
    private static final class Collector implements TripleSink {
        final Dictionary entities = new Dictionary(1 << 14);
        final Dictionary relations = new Dictionary(256);
        final IntList heads = new IntList(1 << 14);
        final IntList rels = new IntList(1 << 14);
        final IntList tails = new IntList(1 << 14);
        final IntList files = new IntList(1 << 14);
        final IntList relationFirstLine = new IntList();
        final IntList relationFirstFile = new IntList();
        long[] lines = new long[1 << 14];
        int fileIdx;

        @Override
        public void accept(String head, String relation, String tail, long line) {
            int r = relations.add(relation);
            if (r == relationFirstLine.size()) {
                relationFirstLine.add((int) Math.min(Integer.MAX_VALUE, line));
                relationFirstFile.add(fileIdx);
            }
            int n = heads.size();
            if (n == lines.length) {
                lines = Arrays.copyOf(lines, n * 2);
            }
            lines[n] = line;
            heads.add(entities.add(head));
            rels.add(r);
            tails.add(entities.add(tail));
            files.add(fileIdx);
        }
    }

    public List<SourceFile> files() {
        return files;
    }

    public Dictionary entities() {
        return entities;
    }

    public Dictionary relations() {
        return relations;
    }

    /** The number of triple lines. */
    public int size() {
        return heads.length;
    }

    public int head(int i) {
        return heads[i];
    }

    public int relation(int i) {
        return rels[i];
    }

    public int tail(int i) {
        return tails[i];
    }

    /** The index in {@link #files()} of the file triple {@code i} came from. */
    public int file(int i) {
        return fileIndex[i];
    }

    /** The 1-based line triple {@code i} came from. */
    public long line(int i) {
        return lines[i];
    }

    /** Readable names by entity id (may hold ids that this import does not mention). */
    public Map<String, String> names() {
        return names;
    }

    /** An input error at the first line where relation {@code r} occurs. */
    public InputException relationError(int r, String problem) {
        return new InputException(files.get(relationFirstFile[r]).path(), relationFirstLine[r], problem);
    }
}
