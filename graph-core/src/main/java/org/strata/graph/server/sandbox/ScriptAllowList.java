package org.strata.graph.server.sandbox;

import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;

/**
 * What a Gremlin string script may call: traversal steps and predicates, reading graph elements, plain
 * collections, numbers and strings, and a short list of Groovy helpers on those. Everything else (files,
 * processes, reflection, class loading, {@code System}, Groovy's dynamic helpers, graph management,
 * strategy removal, OLAP and the {@code io}, {@code program} and {@code call} steps) is refused.
 *
 * <p>An allow-list, checked on the method the static type checker selected, by declaring class and
 * name. Type parameters play no part: classes are compared by their raw names.
 */
final class ScriptAllowList {

    private static final String ANY = "*";

    /** Step names refused everywhere: file access, OLAP programs, provider services. */
    private static final Set<String> REFUSED_STEPS = Set.of("io", "program", "call", "asAdmin", "getBytecode",
            "withComputer", "withoutStrategies", "withStrategies", "withRemote", "getGraph", "tx", "close");

    private static final Set<String> ELEMENT_READS = Set.of("id", "label", "value", "values", "keys", "property",
            "properties", "vertices", "edges", "outVertex", "inVertex", "bothVertices", "key", "isPresent", "element",
            "orElse", "toString", "equals", "hashCode");

    private static final Set<String> COLLECTION_METHODS = Set.of("size", "get", "isEmpty", "contains", "containsKey",
            "containsValue", "put", "putAll", "add", "addAll", "remove", "keySet", "values", "entrySet", "getKey",
            "getValue", "subList", "indexOf", "clear", "getOrDefault", "toString", "equals", "hashCode");

    private static final Set<String> VALUE_METHODS = Set.of("valueOf", "intValue", "longValue", "doubleValue",
            "floatValue", "shortValue", "byteValue", "booleanValue", "compareTo", "equals", "hashCode", "toString",
            "parseInt", "parseLong", "parseDouble", "length", "isEmpty", "startsWith", "endsWith", "contains",
            "toLowerCase", "toUpperCase", "substring", "trim", "concat", "indexOf", "charAt", "join", "split",
            "replace", "format", "max", "min", "abs");

    private static final Set<String> TRAVERSAL_TERMINALS = Set.of("next", "hasNext", "toList", "toSet", "toBulkSet",
            "iterate", "tryNext", "explain", "none", "toString");

    private static final Set<String> SOURCE_STEPS = Set.of("V", "E", "addV", "addE", "inject", "mergeV", "mergeE",
            "union", "with", "withSideEffect", "withSack", "withBulk", "withPath", "toString");

    /** Declaring class (raw name) to the method names allowed on it; {@code *} allows every method but the refused steps. */
    private static final Map<String, Set<String>> METHODS = Map.ofEntries(
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource", SOURCE_STEPS),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.Traversal", TRAVERSAL_TERMINALS),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.P", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.TextP", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.util.ConnectiveP", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.util.AndP", Set.of(ANY)),
            Map.entry("org.apache.tinkerpop.gremlin.process.traversal.util.OrP", Set.of(ANY)),
            Map.entry("org.janusgraph.core.attribute.Text", Set.of(ANY)),
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
            Map.entry("java.math.BigDecimal", VALUE_METHODS),
            Map.entry("java.math.BigInteger", VALUE_METHODS),
            Map.entry("java.lang.Math", Set.of(ANY)));

    /** Types a script may create with {@code new}. */
    private static final Set<String> CONSTRUCTIBLE = Set.of("java.util.ArrayList", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.lang.Object");

    /** Groovy extension methods a script may use, and the receiver types they may be used on. */
    private static final Set<String> GROOVY_HELPERS = Set.of("size", "getAt", "putAt", "plus", "minus", "multiply",
            "div", "mod", "power", "intdiv", "toList", "toSet", "first", "last", "sum", "max", "min", "sort", "unique",
            "count", "join", "asBoolean", "isCase", "contains", "reverse", "take", "drop", "abs", "round",
            "toInteger", "toLong", "toDouble", "toBigDecimal", "toString", "equals", "compareTo", "leftShift");

    private static final Set<String> HELPER_RECEIVERS = Set.of("java.lang.Iterable", "java.util.Collection", "java.util.List",
            "java.util.ArrayList", "java.util.Set", "java.util.Map", "java.util.LinkedHashMap", "java.util.HashMap",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.math.BigDecimal", "java.math.BigInteger", "java.lang.String", "java.lang.CharSequence",
            "java.lang.Object[]", "java.lang.Boolean", "java.lang.Character");

    /** Types a value may be cast or coerced to. */
    static final Set<String> CASTABLE = Set.of("int", "long", "double", "float", "short", "byte", "boolean", "char",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short",
            "java.lang.Byte", "java.lang.Boolean", "java.lang.Character", "java.lang.Number", "java.lang.String",
            "java.lang.Object", "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection",
            "java.math.BigDecimal", "java.math.BigInteger");

    /** Types whose static constants a script may read ({@code T.id}, {@code Order.desc}). */
    static final Set<String> CONSTANT_HOLDERS = Set.of("org.apache.tinkerpop.gremlin.structure.T",
            "org.apache.tinkerpop.gremlin.process.traversal.Order", "org.apache.tinkerpop.gremlin.structure.Column",
            "org.apache.tinkerpop.gremlin.process.traversal.Scope", "org.apache.tinkerpop.gremlin.process.traversal.Pop",
            "org.apache.tinkerpop.gremlin.process.traversal.Operator", "org.apache.tinkerpop.gremlin.structure.Direction",
            "org.apache.tinkerpop.gremlin.structure.VertexProperty$Cardinality",
            "org.apache.tinkerpop.gremlin.process.traversal.Merge", "org.apache.tinkerpop.gremlin.process.traversal.Pick",
            "org.apache.tinkerpop.gremlin.process.traversal.step.util.WithOptions",
            "org.apache.tinkerpop.gremlin.process.traversal.DT", "org.apache.tinkerpop.gremlin.process.traversal.N",
            "java.lang.Math", "java.lang.Integer", "java.lang.Long", "java.lang.Double");

    private ScriptAllowList() {
    }

    /** Why a call to {@code m} is refused, or {@code null} if it is allowed. */
    static String problem(MethodNode m) {
        if (m instanceof ExtensionMethodNode ext) {
            String receiver = rawName(ext.getDeclaringClass());
            if (GROOVY_HELPERS.contains(m.getName()) && HELPER_RECEIVERS.contains(receiver)) {
                return null;
            }
            return "Groovy method " + m.getName() + " on " + receiver + " is not allowed";
        }
        String owner = rawName(m.getDeclaringClass());
        if (m instanceof ConstructorNode || "<init>".equals(m.getName())) {
            return CONSTRUCTIBLE.contains(owner) ? null : "creating " + owner + " is not allowed";
        }
        String name = m.getName();
        if (REFUSED_STEPS.contains(name)) {
            return "step or method " + name + " is not allowed on this server";
        }
        Set<String> allowed = METHODS.get(owner);
        if (allowed == null) {
            return "calling methods of " + owner + " is not allowed (" + owner + "#" + name + ")";
        }
        if (!allowed.contains(ANY) && !allowed.contains(name)) {
            return "method " + owner + "#" + name + " is not allowed";
        }
        if (name.equals("property") && ELEMENT_READS == allowed && m.getParameters().length > 1) {
            return "writing element properties from a script is not allowed; use a traversal step";
        }
        return null;
    }

    static String rawName(ClassNode type) {
        return type.isArray() ? rawName(type.getComponentType()) + "[]" : type.redirect().getName();
    }
}
