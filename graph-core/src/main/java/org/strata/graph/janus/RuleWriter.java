package org.strata.graph.janus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.structure.T;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;
import org.strata.graph.store.LifecycleState;
import org.strata.graph.store.DeltaKind;
import org.strata.graph.progress.ProgressListener;
import org.strata.graph.store.RuleRecord;

/**
 * Writes learned rules as {@code Rule} vertices in one delta of kind {@code rules}, in batches. A failure
 * part-way reverts the delta, as a failed import does.
 */
final class RuleWriter {

    private static final int BATCH = 5_000;

    private final JanusGraph graph;
    private final DeltaLog log;
    private final DeltaReverter reverter;

    RuleWriter(JanusGraph graph, DeltaLog log, DeltaReverter reverter) {
        this.graph = graph;
        this.log = log;
        this.reverter = reverter;
    }

    /** One {@code Rule} vertex, state CANDIDATE, created by {@code deltaId} (so undoing the delta removes it). */
    static org.janusgraph.core.JanusGraphVertex addRule(JanusGraphTransaction tx, RuleRecord r, String deltaId) {
        return tx.addVertex(T.label, Schema.RULE, Schema.RULE_TEXT, r.text(), Schema.RULE_HEAD, r.headRelation(),
                Schema.RULE_KIND, r.kind(), Schema.RULE_PREDICTIONS, r.predicted(),
                Schema.SUPPORT, (int) Math.min(Integer.MAX_VALUE, r.correct()),
                Schema.CONFIDENCE, r.confidence(), Schema.RULE_WEIGHT, r.confidence(),
                Schema.STATE, LifecycleState.CANDIDATE.name(), Schema.CREATED_BY, deltaId);
    }

    String write(List<RuleRecord> rules, String command, ProgressListener progress) {
        String deltaId = log.open(DeltaKind.RULES, command, Instant.now(), List.of(), null);
        progress.begin("store rules", rules.size(), "rules");
        try {
            for (int from = 0; from < rules.size(); from += BATCH) {
                JanusGraphTransaction tx = graph.buildTransaction().enableBatchLoading().consistencyChecks(false).start();
                try {
                    int to = Math.min(rules.size(), from + BATCH);
                    for (int i = from; i < to; i++) {
                        addRule(tx, rules.get(i), deltaId);
                    }
                    tx.commit();
                    progress.advance(to - from);
                } finally {
                    DeltaLog.rollbackIfOpen(tx);
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("rulesAdded", (long) rules.size());
            log.commit(deltaId, counts, null);
            return deltaId;
        } catch (RuntimeException | Error e) {
            reverter.abandon(deltaId, e);
            throw e;
        } finally {
            progress.end();
        }
    }
}
