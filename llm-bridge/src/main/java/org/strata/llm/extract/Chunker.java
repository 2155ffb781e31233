package org.strata.llm.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks of at most {@code size} characters that overlap by about {@code overlap},
 * breaking at a paragraph, sentence or word boundary near the end of each chunk when there is one.
 */
public final class Chunker {

    /** A piece of a document: its number and its character span [start, end). */
    public record Chunk(int index, int start, int end, String text) {
    }

    private final int size;
    private final int overlap;

    public Chunker(int size, int overlap) {
        if (size < 100 || overlap < 0 || overlap >= size / 2) {
            throw new IllegalArgumentException("chunks of " + size + " characters overlapping by " + overlap
                    + ": need size ≥ 100 and overlap < size / 2");
        }
        this.size = size;
        this.overlap = overlap;
    }

    public List<Chunk> split(String text) {
        List<Chunk> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = Math.min(n, start + size);
            if (end < n) {
                end = boundary(text, start + size / 2, end);
            }
            String piece = text.substring(start, end);
            if (!piece.isBlank()) {
                out.add(new Chunk(out.size(), start, end, piece));
            }
            if (end >= n) {
                break;
            }
            int next = Math.max(start + 1, end - overlap);
            // start the next chunk at a word boundary inside the overlap
            int space = text.indexOf(' ', next);
            start = space > 0 && space < end ? space + 1 : next;
        }
        return out;
    }

    /** The best break in (from, to]: after a blank line, else after a sentence end, else after a space. */
    private static int boundary(String text, int from, int to) {
        int para = text.lastIndexOf("\n\n", to - 1);
        if (para >= from) {
            return para + 2;
        }
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && i + 1 < text.length()
                    && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        int space = text.lastIndexOf(' ', to - 1);
        return space >= from ? space + 1 : to;
    }
}
