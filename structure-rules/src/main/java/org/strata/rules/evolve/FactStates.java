package org.strata.rules.evolve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.strata.graph.store.ChangeSet;
import org.strata.graph.store.FactRecord;
import org.strata.graph.store.LifecycleState;

/**
 * How many facts are in each lifecycle state after a cycle's writes, counted from the facts read at its
 * start and the change sets it wrote (as the store applies them: a change sets its {@code state}; an
 * added fact enters as CANDIDATE unless it says otherwise, and one that exists only gains a source),
 * so the cycle need not read every fact again.
 */
final class FactStates {

    private final Map<String, LifecycleState> byKey = new HashMap<>();

    FactStates(List<FactRecord> facts) {
        for (FactRecord f : facts) {
            byKey.put(f.key(), f.state());
        }
    }

    /** Applies a change set the cycle wrote. */
    void apply(ChangeSet written) {
        for (ChangeSet.FactChange c : written.factChanges()) {
            Object state = c.properties().get(STATE);
            if (state != null) {
                byKey.put(FactRecord.key(c.head(), c.relation(), c.tail()), LifecycleState.of(state.toString()));
            }
        }
        for (ChangeSet.FactAddition a : written.factAdditions()) {
            Object state = a.properties().get(STATE);
            byKey.putIfAbsent(FactRecord.key(a.head(), a.relation(), a.tail()),
                    state == null ? LifecycleState.CANDIDATE : LifecycleState.of(state.toString()));
        }
    }

    /** Every fact's state by its {@link FactRecord#key()}, as the store holds them after the applied writes. */
    Map<String, LifecycleState> byKey() {
        return java.util.Collections.unmodifiableMap(byKey);
    }

    /** Facts by state name. */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (LifecycleState s : byKey.values()) {
            out.merge(s.name(), 1L, Long::sum);
        }
        return out;
    }

    /** The property a change set sets a fact's lifecycle state by. */
    private static final String STATE = "state";
}
