package org.strata.graph.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Writes facts as a triple file, sorted by head, relation and tail (so two stores
 * with the same facts export the same bytes). The file appears atomically: it is written next to its
 * destination and moved into place, so a failed export never leaves a half-written file.
 */
public final class TripleWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private TripleWriter() {
    }

    /** Facts by position, with their names as the file shows them. */
    public interface Triples {

        /** How many facts. */
        int size();

        /** The head of fact {@code i}. */
        String head(int i);

        /** The relation of fact {@code i}. */
        String relation(int i);

        /** The tail of fact {@code i}. */
        String tail(int i);

        /** {@code size} facts whose parts these functions give by position. */
        static Triples of(int size, java.util.function.IntFunction<String> head,
                          java.util.function.IntFunction<String> relation, java.util.function.IntFunction<String> tail) {
            return new Triples() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public String head(int i) {
                    return head.apply(i);
                }

                @Override
                public String relation(int i) {
                    return relation.apply(i);
                }

                @Override
                public String tail(int i) {
                    return tail.apply(i);
                }
            };
        }
    }

    /** Writes every fact; returns the number written. */
    public static long write(Triples p, Path out, TripleFormat format) {
        Integer[] order = new Integer[p.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byText = Comparator.<Integer, String>comparing(p::head).thenComparing(p::relation)
                .thenComparing(p::tail);
        Arrays.sort(order, byText);
        AtomicFile.write(out, w -> {
            for (Integer i : order) {
                String h = p.head(i);
                String r = p.relation(i);
                String t = p.tail(i);
                if (format == TripleFormat.TSV) {
                    w.write(h);
                    w.write('\t');
                    w.write(r);
                    w.write('\t');
                    w.write(t);
                } else {
                    w.write(json(h, r, t));
                }
                w.write('\n');
            }
        });
        return order.length;
    }

    private static String json(String h, String r, String t) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("head", h);
            g.writeStringField("relation", r);
            g.writeStringField("tail", t);
            g.writeEndObject();
        }
        return sw.toString();
    }
}
