package org.strata.graph.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one governance step changes in the store, applied as one delta by {@link GraphStore#apply}.
 * Nothing here deletes a fact: facts are added (with this delta as their provenance), gain evidence, or
 * change state. Communities are created or updated in place (by id), and the membership edges can be
 * replaced as a whole. Every change is journalled so that undoing the delta restores the prior state
 * exactly.
 */
public final class ChangeSet {

    /** Property keys a change may set, with their value types. */
    public static final Map<String, Class<?>> PROPERTY_TYPES = Map.ofEntries(
            Map.entry("name", String.class), Map.entry("state", String.class),
            Map.entry("communityLevel", Integer.class), Map.entry("communitySize", Integer.class),
            Map.entry("firstCycle", Integer.class), Map.entry("lastCycle", Integer.class),
            Map.entry("confirmations", Integer.class), Map.entry("confidence", Double.class),
            Map.entry("counterEvidence", String.class), Map.entry("derivedBy", String.class),
            Map.entry("judgement", String.class),
            Map.entry("partitionKey", String.class));

    /** A community, created when its id is new, else updated; {@code properties} must hold {@code communityLevel}. */
    public record CommunityChange(String id, Map<String, Object> properties) {
        public CommunityChange {
            properties = checked(properties);
        }
    }

    /** A fact's properties (state, confirmations, ...) set to new values. */
    public record FactChange(String head, String relation, String tail, Map<String, Object> properties) {
        public FactChange {
            properties = checked(properties);
        }
    }

    /**
     * A new fact between existing entities, asserted by {@code source} (a proposer: "rules", a model
     * file, an LLM call), in {@code state}, with its other properties.
     */
    public record FactAddition(String head, String relation, String tail, String source, Map<String, Object> properties) {
        public FactAddition {
            properties = checked(properties);
        }
    }

    /** More evidence for an existing fact: {@code source} joins its provenance. */
    public record Evidence(String head, String relation, String tail, String source) {
    }

    /** A rule's properties (state, confirmations, ...), found by its text. */
    public record RuleChange(String text, Map<String, Object> properties) {
        public RuleChange {
            properties = checked(properties);
        }
    }

    /**
     * The membership edges, replacing all existing ones: {@code entityCommunity} maps an entity uid to
     * its level-0 community ({@code MEMBER_OF}); {@code communityParent} maps a community id to its
     * parent one level up ({@code CHILD_OF}).
     */
    public record Memberships(Map<String, String> entityCommunity, Map<String, String> communityParent) {
    }

    private final List<CommunityChange> communities = new ArrayList<>();
    private final List<FactChange> factChanges = new ArrayList<>();
    private final List<FactAddition> factAdditions = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<RuleChange> ruleChanges = new ArrayList<>();
    private final List<RuleRecord> ruleAdditions = new ArrayList<>();
    private List<Shortcut> shortcuts;
    private final List<EntityAddition> entityAdditions = new ArrayList<>();
    private final java.util.Set<String> newRelations = new java.util.TreeSet<>();

    /**
     * Another name of an entity, recorded when resolution merged the name into it (or a new entity
     * declared it): an {@code Alias} vertex with an {@code ALIAS_OF} edge to the entity.
     *
     * @param how the evidence: the resolution stage and where the name was read
     */
    public record AliasAddition(String uid, String alias, String how) {
    }

    private final List<AliasAddition> aliasAdditions = new ArrayList<>();

    public ChangeSet addAlias(String uid, String alias, String how) {
        aliasAdditions.add(new AliasAddition(uid, alias, how));
        return this;
    }

    public List<AliasAddition> aliasAdditions() {
        return List.copyOf(aliasAdditions);
    }

    /** A new entity (a proposal named something the store does not know), created by this delta. */
    public record EntityAddition(String uid, String name, String type) {
    }

    /**
     * A derived {@code SHORTCUT} edge from {@code head} to {@code tail}: the body path of {@code rule}
     * holds between them. Shortcuts are not facts: projections ignore them; Gremlin can follow them.
     */
    public record Shortcut(String head, String tail, String rule, String relation) {
    }
    private Memberships memberships;

    private static Map<String, Object> checked(Map<String, Object> properties) {
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Class<?> type = PROPERTY_TYPES.get(e.getKey());
            if (type == null) {
                throw new IllegalArgumentException("a change cannot set property '" + e.getKey() + "'; allowed: "
                        + new java.util.TreeSet<>(PROPERTY_TYPES.keySet()));
            }
            if (!type.isInstance(e.getValue())) {
                throw new IllegalArgumentException("property '" + e.getKey() + "' takes a " + type.getSimpleName()
                        + ", got " + e.getValue());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public ChangeSet community(String id, Map<String, Object> properties) {
        communities.add(new CommunityChange(id, properties));
        return this;
    }

    public ChangeSet fact(String head, String relation, String tail, Map<String, Object> properties) {
        factChanges.add(new FactChange(head, relation, tail, properties));
        return this;
    }

    public ChangeSet addFact(String head, String relation, String tail, String source, Map<String, Object> properties) {
        factAdditions.add(new FactAddition(head, relation, tail, source, properties));
        return this;
    }

    public ChangeSet evidence(String head, String relation, String tail, String source) {
        evidence.add(new Evidence(head, relation, tail, source));
        return this;
    }

    public ChangeSet rule(String text, Map<String, Object> properties) {
        ruleChanges.add(new RuleChange(text, properties));
        return this;
    }

    /** A new {@code Rule} vertex, state CANDIDATE, confirmed once. */
    public ChangeSet addRule(RuleRecord rule) {
        ruleAdditions.add(rule);
        return this;
    }

    /** A new entity; undoing the delta removes it again (with the facts the delta gave it). */
    public ChangeSet addEntity(String uid, String name, String type) {
        entityAdditions.add(new EntityAddition(uid, name, type));
        return this;
    }

    public List<EntityAddition> entityAdditions() {
        return List.copyOf(entityAdditions);
    }

    /** Lets new facts use this relation although the store has none of it yet (it is created). */
    public ChangeSet newRelation(String relation) {
        newRelations.add(relation);
        return this;
    }

    public java.util.Set<String> newRelations() {
        return java.util.Set.copyOf(newRelations);
    }

    /** Replaces every shortcut edge in the store with these. */
    public ChangeSet shortcuts(List<Shortcut> all) {
        this.shortcuts = List.copyOf(all);
        return this;
    }

    /** The replacement shortcut edges, or null to leave them as they are. */
    public List<Shortcut> shortcuts() {
        return shortcuts;
    }

    public List<RuleRecord> ruleAdditions() {
        return List.copyOf(ruleAdditions);
    }

    public ChangeSet memberships(Map<String, String> entityCommunity, Map<String, String> communityParent) {
        this.memberships = new Memberships(Map.copyOf(entityCommunity), Map.copyOf(communityParent));
        return this;
    }

    public List<CommunityChange> communities() {
        return List.copyOf(communities);
    }

    public List<FactChange> factChanges() {
        return List.copyOf(factChanges);
    }

    public List<FactAddition> factAdditions() {
        return List.copyOf(factAdditions);
    }

    public List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    public List<RuleChange> ruleChanges() {
        return List.copyOf(ruleChanges);
    }

    /** The replacement membership edges, or null to leave them as they are. */
    public Memberships memberships() {
        return memberships;
    }

    /** The distinct proposers named by additions and evidence, in first-seen order. */
    public List<String> sources() {
        Set<String> s = new java.util.LinkedHashSet<>();
        factAdditions.forEach(a -> s.add(a.source()));
        evidence.forEach(e -> s.add(e.source()));
        return List.copyOf(s);
    }

    public boolean isEmpty() {
        return communities.isEmpty() && factChanges.isEmpty() && factAdditions.isEmpty() && evidence.isEmpty()
                && ruleChanges.isEmpty() && ruleAdditions.isEmpty() && memberships == null && shortcuts == null
                && entityAdditions.isEmpty() && aliasAdditions.isEmpty();
    }

    /** Counts per kind of change, for reports and the delta record. */
    public Map<String, Long> counts() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("entitiesAdded", (long) entityAdditions.size());
        c.put("aliasesAdded", (long) aliasAdditions.size());
        c.put("communities", (long) communities.size());
        c.put("factChanges", (long) factChanges.size());
        c.put("factsAdded", (long) factAdditions.size());
        c.put("evidence", (long) evidence.size());
        c.put("ruleChanges", (long) ruleChanges.size());
        c.put("rulesAdded", (long) ruleAdditions.size());
        c.put("shortcuts", shortcuts == null ? 0L : (long) shortcuts.size());
        c.put("memberships", memberships == null ? 0L
                : (long) memberships.entityCommunity().size() + memberships.communityParent().size());
        return c;
    }
}
