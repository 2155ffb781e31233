package org.strata.graph.server.sandbox;

import java.util.Map;
import org.apache.tinkerpop.gremlin.groovy.jsr223.GremlinGroovyScriptEngine;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BitwiseNegationExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.syntax.Types;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

/**
 * The static type-checking extension that enforces the {@link ScriptAllowList} on Gremlin scripts
 * compiled with {@code COMPILE_STATIC}: every method the type checker selects must be allowed, property
 * access is limited to the constants of Gremlin's enums, classes appear only as receivers of static calls,
 * and casts are limited to plain value types. Everything is decided here, at compile time: nothing is
 * looked up by name at run time.
 * Variables come only from the server's and the request's bindings, typed by their runtime classes; any
 * other free variable is an error. Groovy loads it by class name through {@code GroovyCompilerGremlinPlugin}'s {@code extensions}.
 */
public final class SandboxTypeChecker extends TypeCheckingExtension {

    public SandboxTypeChecker(StaticTypeCheckingVisitor visitor) {
        super(visitor);
    }

    @Override
    public boolean handleUnresolvedVariableExpression(VariableExpression variable) {
        Map<String, Object> options = GremlinGroovyScriptEngine.COMPILE_OPTIONS.get();
        Object types = options == null ? null : options.get(GremlinGroovyScriptEngine.COMPILE_OPTIONS_VAR_TYPES);
        if (types instanceof Map<?, ?> map && map.containsKey(variable.getName())) {
            // the engine records the runtime type of every global and request binding (null for a null value)
            Object type = map.get(variable.getName());
            storeType(variable, type instanceof ClassNode node ? node : classNodeFor(Object.class));
            return true;
        }
        addStaticTypeError("unknown variable '" + variable.getName() + "'", variable);
        return true;
    }

    @Override
    public void onMethodSelection(Expression call, MethodNode method) {
        String problem = ScriptAllowList.problem(method);
        if (problem != null) {
            addStaticTypeError("Not allowed by the Strata sandbox: " + problem, call);
        }
    }

    @Override
    public boolean beforeVisitClass(ClassNode node) {
        new ShapeVisitor(typeCheckingVisitor.getTypeCheckingContext().getSource()).visitClass(node);
        return false;
    }

    @Override
    public void afterVisitClass(ClassNode node) {
        new TypedVisitor(typeCheckingVisitor.getTypeCheckingContext().getSource()).visitClass(node);
    }

    private void refuse(String what, Expression e) {
        addStaticTypeError("Not allowed by the Strata sandbox: " + what, e);
    }

    /**
     * Checks, once the types are inferred, what the type checker compiles without selecting a method
     * (so {@link #onMethodSelection} never sees it): subscripts and arithmetic operators. A subscript must
     * index a map, or a list, array or string with a number: {@code list['name']} is Groovy's
     * property-of-every-element lookup, and {@code x['class']} reflection. The power operator is refused
     * (integer powers grow without bound), and so is any expression of type BigDecimal or BigInteger
     * ({@code 1 / 3} divides integers into a BigDecimal).
     */
    private final class TypedVisitor extends SourceVisitors.Visitor {
        TypedVisitor(SourceUnit source) {
            super(source);
        }

        private void checkNotBig(Expression e) {
            ClassNode t = getType(e);
            if (t != null) {
                String name = ScriptAllowList.rawName(t);
                if (name.equals("java.math.BigDecimal") || name.equals("java.math.BigInteger")) {
                    refuse("a " + t.getNameWithoutPackage() + " value ('" + e.getText() + "'): their arithmetic is "
                            + "unbounded; divide with intdiv() or with doubles (1.0d / 3)", e);
                }
            }
        }

        @Override
        public void visitBinaryExpression(BinaryExpression e) {
            int op = e.getOperation().getType();
            if (op == Types.LEFT_SQUARE_BRACKET) {
                ClassNode left = getType(e.getLeftExpression());
                ClassNode index = getType(e.getRightExpression());
                boolean map = left != null && (ScriptAllowList.rawName(left).equals("java.util.Map")
                        || left.implementsInterface(org.codehaus.groovy.ast.ClassHelper.MAP_TYPE));
                if (!map && (index == null || !ScriptAllowList.isIntegral(index))) {
                    refuse("indexing a " + (left == null ? "value" : left.getNameWithoutPackage()) + " with a "
                            + (index == null ? "value" : index.getNameWithoutPackage()) + " ('" + e.getText()
                            + "'): index lists, arrays and strings with a number, maps with a key", e);
                    return;
                }
            }
            if (op == Types.POWER || op == Types.POWER_EQUAL) {
                refuse("the ** operator (integer powers grow without bound; use Math.pow)", e);
                return;
            }
            checkNotBig(e);
            super.visitBinaryExpression(e);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            checkNotBig(call);
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitVariableExpression(VariableExpression e) {
            if (!e.isThisExpression() && !e.isSuperExpression()) {
                checkNotBig(e);
            }
        }
    }

    /**
     * Refuses what a script may not express whatever the method: property access (except the constants of
     * Gremlin's enums and {@code Math}/{@code Integer}/{@code Long}/{@code Double}), field access, method
     * pointers, class literals as values ({@code [System]}), {@code this} and {@code super}, array creation,
     * ranges, the regular-expression operators, BigInteger literals, and casts to other than plain value
     * types. A class may appear only as the receiver of a static call, whose method the type checker then
     * vets. Closures and annotations were refused at parse time by {@link ScriptShapeCustomizer}.
     */
    private final class ShapeVisitor extends SourceVisitors.Visitor {
        ShapeVisitor(SourceUnit source) {
            super(source);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            Expression receiver = call.getObjectExpression();
            boolean classReceiver = receiver instanceof ClassExpression;
            if (!classReceiver && !call.isImplicitThis()) {
                receiver.visit(this);
            }
            call.getMethod().visit(this);
            call.getArguments().visit(this);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression e) {
            if (e.getObjectExpression() instanceof ClassExpression c
                    && ScriptAllowList.CONSTANT_HOLDERS.contains(ScriptAllowList.rawName(c.getType()))
                    && !e.isSpreadSafe() && isStaticField(c.getType(), e.getPropertyAsString())) {
                return;
            }
            refuse("property access '" + e.getText() + "' (call an allowed method instead)", e);
        }

        private boolean isStaticField(ClassNode type, String name) {
            if (name == null) {
                return false;
            }
            FieldNode f = type.redirect().getField(name);
            return f != null && f.isStatic() && f.isPublic();
        }

        @Override
        public void visitClassExpression(ClassExpression e) {
            refuse("the class literal " + e.getType().getName() + " as a value", e);
        }

        @Override
        public void visitBinaryExpression(BinaryExpression e) {
            int op = e.getOperation().getType();
            if (op == Types.MATCH_REGEX || op == Types.FIND_REGEX) {
                refuse("the regular-expression operator " + e.getOperation().getText()
                        + " (use the regex() predicate, which this server runs in linear time)", e);
                return;
            }
            if (op == Types.KEYWORD_INSTANCEOF && e.getRightExpression() instanceof ClassExpression) {
                e.getLeftExpression().visit(this);
                return;
            }
            super.visitBinaryExpression(e);
        }

        @Override
        public void visitBitwiseNegationExpression(BitwiseNegationExpression e) {
            refuse("the ~ operator (it makes a regular-expression pattern from a string)", e);
        }

        @Override
        public void visitVariableExpression(VariableExpression e) {
            if (e.isThisExpression() || e.isSuperExpression()) {
                refuse("'" + e.getName() + "'", e);
                return;
            }
            super.visitVariableExpression(e);
        }

        @Override
        public void visitArrayExpression(ArrayExpression e) {
            refuse("array creation", e);
        }

        @Override
        public void visitRangeExpression(RangeExpression e) {
            refuse("ranges (use the range() or limit() steps)", e);
        }

        @Override
        public void visitConstantExpression(ConstantExpression e) {
            if (e.getValue() instanceof java.math.BigInteger) {
                refuse("BigInteger literals (their arithmetic is unbounded)", e);
            }
        }

        @Override
        public void visitAttributeExpression(AttributeExpression e) {
            refuse("field access '" + e.getText() + "'", e);
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression e) {
            refuse("method pointer '" + e.getText() + "'", e);
        }

        @Override
        public void visitCastExpression(CastExpression e) {
            String target = ScriptAllowList.rawName(e.getType());
            if (!ScriptAllowList.CASTABLE.contains(target)) {
                refuse("cast or coercion to " + target, e);
                return;
            }
            super.visitCastExpression(e);
        }
    }
}
