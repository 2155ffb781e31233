package org.strata.graph.janus;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How the embedded store's Lucene index splits entity names into words: runs of letters and digits, in lower
 * case, as JanusGraph's own {@code textContains} splits them when it evaluates the predicate on a vertex
 * (and as Strata's Solr schema does). Lucene's standard analyzer keeps {@code Barack_Obama} one word, so
 * {@code textContains('obama')} would find it by a scan and not through the index. Named by class in the
 * name index's definition (JanusGraph loads it by reflection; hence public, with a public constructor).
 */
public final class NameAnalyzer extends Analyzer {

    /** An analyzer of names. */
    public NameAnalyzer() {
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer words = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        return new TokenStreamComponents(words, new LowerCaseFilter(words));
    }
}
