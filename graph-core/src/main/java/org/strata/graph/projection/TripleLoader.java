package org.strata.graph.projection;

import java.nio.file.Path;
import java.util.List;
import org.strata.graph.io.TripleFormat;
import org.strata.graph.io.TripleReader;

/** Reads triple files into dense ids, growing the given dictionaries. */
final class TripleLoader {

    private TripleLoader() {
    }

    /** Reads every file in order; ids are assigned in order of first sight across the files. */
    public static TripleList load(List<Path> files, TripleFormat format, Dictionary entities, Dictionary relations) {
        IntList h = new IntList(1 << 12);
        IntList r = new IntList(1 << 12);
        IntList t = new IntList(1 << 12);
        for (Path file : files) {
            TripleReader.read(file, format, (head, relation, tail, line) -> {
                h.add(entities.add(head));
                r.add(relations.add(relation));
                t.add(entities.add(tail));
            });
        }
        return new TripleList(h.toArray(), r.toArray(), t.toArray());
    }
}
