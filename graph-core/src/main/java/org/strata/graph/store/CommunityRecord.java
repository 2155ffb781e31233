package org.strata.graph.store;

import java.util.List;

/**
 * A community as stored: its id, level, name, lifecycle state and the cycles it was first and last seen
 * in; its members are entity uids at level 0 and child community ids above. {@code partitionKey}
 * identifies the graph and settings the partition was computed from (null when unknown).
 */
public record CommunityRecord(String id, int level, String name, LifecycleState state, int firstCycle, int lastCycle,
                              int confirmations, List<String> members, String partitionKey) {
}
