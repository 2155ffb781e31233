package org.strata.graph.server.sandbox;

import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;
import org.strata.graph.server.budget.RequestBudget;

/**
 * What a Gremlin string script may call: traversal steps and predicates, reading graph elements, plain
 * collections, numbers and strings, and a short list of Groovy helpers on those. Everything else (files,
 * processes, reflection, class loading, {@code System}, Groovy's dynamic helpers, graph management,
 * strategy removal, OLAP and the {@code io}, {@code program} and {@code call} steps) is refused.
 *
 * <p>An allow-list, checked on the method the static type checker selected, by declaring class and
 * name. Type parameters play no part: classes are compared by their raw names. Beyond the name, a few
 * helpers are checked on their parameters, because one name covers a harmless and a harmful form:
 * {@code getAt}/{@code putAt} with a string index read or write any property of each element of a
 * collection ({@code [System]['env']}), so only numeric indexes (and map keys) pass; {@code multiply}
 * on a string or list builds a copy of any size, so only numbers multiply; constructors that take a
 * capacity allocate it at once, so only the empty and copying ones pass; a method that takes a
 * {@code java.util.function.Predicate} would evaluate a predicate outside the places the server
 * controls, so it is refused.
 */
final class ScriptAllowList {

    private static final String ANY = "*";

    /** Step names refused everywhere: file access, OLAP programs, provider services. */
    private static final Set<String> REFUSED_STEPS = Set.of("io", "program", "call", "asAdmin", "getBytecode",
            "withComputer", "withoutStrategies", "withRemote", "getGraph", "tx", "close");

    private static final Set<String> ELEMENT_READS = Set.of("id", "label", "value", "values", "keys", "property",
            "properties", "vertices", "edges", "outVertex", "inVertex", "bothVertices", "key", "isPresent", "element",
            "orElse", "toString", "equals", "hashCode");

    private static final Set<String> COLLECTION_METHODS = Set.of("size", "get", "isEmpty", "contains", "containsKey",
            "containsValue", "put", "putAll", "add", "addAll", "remove", "keySet", "values", "entrySet", "getKey",
            "getValue", "subList", "indexOf", "clear", "getOrDefault", "toString", "equals", "hashCode");

    /**
     * Methods of strings and boxed numbers. Not {@code format} (a width allocates that many characters),
     * not {@code split} or {@code matches} (regular expressions in Java's backtracking engine can run for
     * hours and ignore interrupts), not {@code repeat}.
     */
    private static final Set<String> VALUE_METHODS = Set.of("valueOf", "intValue", "longValue", "doubleValue",
            "floatValue", "shortValue", "byteValue", "booleanValue", "compareTo", "equals", "hashCode", "toString",
            "parseInt", "parseLong", "parseDouble", "length", "isEmpty", "startsWith", "endsWith", "contains",
            "toLowerCase", "toUpperCase", "substring", "trim", "concat", "indexOf", "charAt", "join",
            "replace", "max", "min", "abs");

    private static final Set<String> TRAVERSAL_TERMINALS = Set.of("next", "hasNext", "toList", "toSet", "toBulkSet",
            "iterate", "tryNext", "explain", "none", "toString");

    /** The source's steps; {@code withStrategies} takes only what {@link ClientStrategies#create} makes. */
    private static final Set<String> SOURCE_STEPS = Set.of("V", "E", "addV", "addE", "inject", "mergeV", "mergeE",
            "union", "with", "withSideEffect", "withSack", "withBulk", "withPath", "withStrategies", "toString");

    /** Instance methods of a predicate: combining it, never evaluating or changing it. */
    private static final Set<String> PREDICATE_METHODS = Set.of("and", "or", "negate", "toString", "equals",
            "hashCode");

    /** JanusGraph's text predicates, but not its regular-expression ones (Java's backtracking engine). */
    private static final Set<String> JANUS_TEXT = Set.of("textContains", "textNotContains", "textContainsPrefix",
            "textNotContainsPrefix", "textPrefix", "textNotPrefix", "textContainsFuzzy", "textNotContainsFuzzy",
            "textFuzzy", "textNotFuzzy", "textContainsPhrase", "textNotContainsPhrase");

    /** Owners whose static methods are predicate factories; their instance methods are {@link #PREDICATE_METHODS}. */
    private static final Set<String> PREDICATE_TYPES = Set.of("org.apache.tinkerpop.gremlin.process.traversal.P",
            "org.apache.tinkerpop.gremlin.process.traversal.TextP",
            "org.apache.tinkerpop.gremlin.process.traversal.util.ConnectiveP",
            "org.apache.tinkerpop.gremlin.process.traversal.util.AndP",
            "org.apache.tinkerpop.gremlin.process.traversal.util.OrP",
            "org.janusgraph.graphdb.tinkerpop.io.JanusGraphP");

    /** Declaring class (raw name) to the method names allowed on it; {@code *} allows every method but the refused steps. */
    private static final Map<String, Set<String>> METHODS = Map.ofEntries(
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource", SOURCE_STEPS),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.Traversal", TRAVERSAL_TERMINALS),
            Map.entry("org.janusgraph.core.attribute.Text", JANUS_TEXT),
            Map.entry("org.apache.tinkerpop.gremlin.structure.T", Set.of("name", "getAccessor", "toString")),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.Order", Set.of("name", "toString")),
            Map.entry("org.apache.tinkerpop.gremlin.structure.Column", Set.of("name", "toString")),
            Map.entry("org.apache.tinkerpop.gremlin.structure.Element", ELEMENT_READS),
            Map.entry("org.apache.tinkerpop.gremlin.structure.Vertex", ELEMENT_READS),
            Map.entry("org.apache.tinkerpop.gremlin.structure.Edge", ELEMENT_READS),
            Map.entry("org.apache.tinkerpop.gremlin.structure.VertexProperty", ELEMENT_READS),
            Map.entry("org.apache.tinkerpop.gremlin.structure.Property", ELEMENT_READS),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.Path", Set.of("objects", "labels", "size", "get",
                    "toString")),
            Map.entry("java.util.Iterator", Set.of("hasNext", "next")),
            Map.entry("java.lang.Object", Set.of("toString", "equals", "hashCode")),
            Map.entry("java.lang.Enum", Set.of("name", "ordinal", "toString", "compareTo", "equals")),
            Map.entry("java.util.Collection", COLLECTION_METHODS),
            Map.entry("java.util.List", COLLECTION_METHODS),
            Map.entry("java.util.ArrayList", COLLECTION_METHODS),
            Map.entry("java.util.Set", COLLECTION_METHODS),
            Map.entry("java.util.HashSet", COLLECTION_METHODS),
            Map.entry("java.util.LinkedHashSet", COLLECTION_METHODS),
            Map.entry("java.util.Map", COLLECTION_METHODS),
            Map.entry("java.util.HashMap", COLLECTION_METHODS),
            Map.entry("java.util.LinkedHashMap", COLLECTION_METHODS),
            Map.entry("java.util.Map$Entry", COLLECTION_METHODS),
            Map.entry("java.lang.String", VALUE_METHODS),
            Map.entry("java.lang.CharSequence", VALUE_METHODS),
            Map.entry("java.lang.Number", VALUE_METHODS),
            Map.entry("java.lang.Integer", VALUE_METHODS),
            Map.entry("java.lang.Long", VALUE_METHODS),
            Map.entry("java.lang.Double", VALUE_METHODS),
            Map.entry("java.lang.Float", VALUE_METHODS),
            Map.entry("java.lang.Short", VALUE_METHODS),
            Map.entry("java.lang.Byte", VALUE_METHODS),
            Map.entry("java.lang.Boolean", VALUE_METHODS),
            Map.entry("java.lang.Math", Set.of(ANY)),
            Map.entry(RequestBudget.class.getName(), Set.of("check")),
            Map.entry(ClientStrategies.class.getName(), Set.of("create")));

    /** Types a script may create with {@code new}: empty, or as a copy of another collection. */
    private static final Set<String> CONSTRUCTIBLE = Set.of("java.util.ArrayList", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.lang.Object");

    /**
     * Groovy extension methods a script may use, and the receiver types they may be used on. Not
     * {@code power} (an integer power grows without bound), not {@code div} (Groovy divides integers into
     * a BigDecimal; use {@code intdiv} or doubles), not {@code unique} (quadratic, and it never looks at
     * interrupts), not {@code toBigDecimal}.
     */
    private static final Set<String> GROOVY_HELPERS = Set.of("size", "getAt", "putAt", "plus", "minus", "multiply",
            "mod", "intdiv", "toList", "toSet", "first", "last", "sum", "max", "min", "sort",
            "count", "join", "asBoolean", "isCase", "contains", "reverse", "take", "drop", "abs", "round",
            "toInteger", "toLong", "toDouble", "toString", "equals", "compareTo", "leftShift");

    /** Arithmetic helpers: on numbers only. */
    private static final Set<String> ARITHMETIC = Set.of("multiply", "mod", "intdiv");

    private static final Set<String> HELPER_RECEIVERS = Set.of("java.lang.Iterable", "java.util.Collection", "java.util.List",
            "java.util.ArrayList", "java.util.Set", "java.util.Map", "java.util.LinkedHashMap", "java.util.HashMap",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.String", "java.lang.CharSequence", "java.lang.Object[]", "java.lang.Boolean",
            "java.lang.Character");

    private static final Set<String> NUMBER_RECEIVERS = Set.of("java.lang.Number", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "int",
            "long", "double", "float", "short", "byte");

    private static final Set<String> MAP_RECEIVERS = Set.of("java.util.Map", "java.util.LinkedHashMap",
            "java.util.HashMap");

    /** Index types {@code getAt}/{@code putAt} accept on lists, arrays and strings. */
    private static final Set<String> NUMERIC_INDEXES = Set.of("int", "java.lang.Integer", "java.lang.Number", "long",
            "java.lang.Long");

    /** Types a value may be cast or coerced to (no BigDecimal or BigInteger: their arithmetic is unbounded). */
    static final Set<String> CASTABLE = Set.of("int", "long", "double", "float", "short", "byte", "boolean", "char",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short",
            "java.lang.Byte", "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.String",
            "java.lang.Object", "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection");

    /** Types whose static constants a script may read ({@code T.id}, {@code Order.desc}). */
    static final Set<String> CONSTANT_HOLDERS = Set.of("org.apache.tinkerpop.gremlin.structure.T",
            "org.apache.tinkerpop.gremlin.process.traversal.Order", "org.apache.tinkerpop.gremlin.structure.Column",
            "org.apache.tinkerpop.gremlin.process.traversal.Scope", "org.apache.tinkerpop.gremlin.process.traversal.Pop",
            "org.apache.tinkerpop.gremlin.process.traversal.Operator", "org.apache.tinkerpop.gremlin.structure.Direction",
            "org.apache.tinkerpop.gremlin.structure.VertexProperty$Cardinality",
            "org.apache.tinkerpop.gremlin.process.traversal.Merge", "org.apache.tinkerpop.gremlin.process.traversal.Pick",
            "org.apache.tinkerpop.gremlin.process.traversal.step.util.WithOptions",
            "org.apache.tinkerpop.gremlin.process.traversal.DT", "org.apache.tinkerpop.gremlin.process.traversal.N",
            "org.apache.tinkerpop.gremlin.process.traversal.SackFunctions$Barrier",
            "java.lang.Math", "java.lang.Integer", "java.lang.Long", "java.lang.Double");

    private ScriptAllowList() {
    }

    /** Why a call to {@code m} is refused, or {@code null} if it is allowed. */
    static String problem(MethodNode m) {
        if (m instanceof ExtensionMethodNode ext) {
            return helperProblem(ext);
        }
        String owner = rawName(m.getDeclaringClass());
        if (m instanceof ConstructorNode || "<init>".equals(m.getName())) {
            if (!CONSTRUCTIBLE.contains(owner)) {
                return "creating " + owner + " is not allowed";
            }
            Parameter[] p = m.getParameters();
            if (p.length > 1 || p.length == 1 && !isCollectionOrMap(p[0].getType())) {
                return "creating " + owner + " with a capacity is not allowed (create it empty)";
            }
            return null;
        }
        String name = m.getName();
        if (REFUSED_STEPS.contains(name)) {
            return "step or method " + name + " is not allowed on this server";
        }
        if (PREDICATE_TYPES.contains(owner)) {
            // and(P)/or(P) combine predicates: their parameter is a Predicate, but nothing is evaluated
            return m.isStatic() || PREDICATE_METHODS.contains(name) ? null
                    : "method " + owner + "#" + name + " is not allowed (predicates are built and combined, not evaluated)";
        }
        for (Parameter p : m.getParameters()) {
            String type = rawName(p.getType());
            if (type.equals("java.util.function.Predicate") || type.equals("java.util.function.BiPredicate")) {
                return "the form of " + name + "() that takes a Java predicate is not allowed; use the one that takes "
                        + "a traversal (filter(is(gt(3))), choose(has('age'), ...))";
            }
        }
        Set<String> allowed = METHODS.get(owner);
        if (allowed == null) {
            return "calling methods of " + owner + " is not allowed (" + owner + "#" + name + ")";
        }
        if (!allowed.contains(ANY) && !allowed.contains(name)) {
            return owner.equals("org.janusgraph.core.attribute.Text") && name.contains("Regex")
                    ? "JanusGraph's " + name + " is not allowed (it runs Java's backtracking regex engine); use regex(), "
                    + "which this server evaluates in linear time"
                    : "method " + owner + "#" + name + " is not allowed";
        }
        if (name.equals("property") && ELEMENT_READS == allowed && m.getParameters().length > 1) {
            return "writing element properties from a script is not allowed; use a traversal step";
        }
        return null;
    }

    private static String helperProblem(ExtensionMethodNode ext) {
        String name = ext.getName();
        String receiver = rawName(ext.getDeclaringClass());
        if (!GROOVY_HELPERS.contains(name) || !HELPER_RECEIVERS.contains(receiver)) {
            return "Groovy method " + name + " on " + receiver + " is not allowed";
        }
        Parameter[] p = ext.getExtensionMethodNode().getParameters();
        if ((name.equals("getAt") || name.equals("putAt")) && !MAP_RECEIVERS.contains(receiver)) {
            String index = p.length > 1 ? rawName(p[1].getType()) : "";
            if (!NUMERIC_INDEXES.contains(index)) {
                return "Groovy's " + name + " with a " + index + " index on a " + receiver + " is not allowed (it reads "
                        + "or writes a property of every element); index with a number";
            }
        }
        if (ARITHMETIC.contains(name) && !NUMBER_RECEIVERS.contains(receiver)) {
            return "Groovy's " + name + " on a " + receiver + " is not allowed (it builds a copy of any size)";
        }
        return null;
    }

    /** Whether a value of this type is a whole number that fits a long. */
    static boolean isIntegral(ClassNode type) {
        return INTEGRAL.contains(rawName(type));
    }

    private static final Set<String> INTEGRAL = Set.of("int", "long", "short", "byte", "java.lang.Integer",
            "java.lang.Long", "java.lang.Short", "java.lang.Byte");

    private static boolean isCollectionOrMap(ClassNode type) {
        String name = rawName(type);
        return name.equals("java.util.Collection") || name.equals("java.util.Map") || name.equals("java.util.Set")
                || name.equals("java.util.List");
    }

    static String rawName(ClassNode type) {
        return type.isArray() ? rawName(type.getComponentType()) + "[]" : type.redirect().getName();
    }
}
