package org.strata.graph.server.sandbox;

import java.util.Map;
import org.apache.tinkerpop.gremlin.groovy.jsr223.GremlinGroovyScriptEngine;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.transform.stc.StaticTypeCheckingVisitor;
import org.codehaus.groovy.transform.stc.TypeCheckingExtension;

/**
 * The static type-checking extension that enforces the {@link ScriptAllowList} on Gremlin scripts
 * compiled with {@code COMPILE_STATIC}: every method the type checker selects must be allowed, property
 * access is limited to the constants of Gremlin's enums, and casts are limited to plain value types.
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

    /**
     * Refuses property access, method pointers and casts outside the allowed forms (closures were refused
     * at parse time by {@link ScriptShapeCustomizer}).
     */
    private final class ShapeVisitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;

        ShapeVisitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitPropertyExpression(PropertyExpression e) {
            if (!(e.getObjectExpression() instanceof ClassExpression c)
                    || !ScriptAllowList.CONSTANT_HOLDERS.contains(ScriptAllowList.rawName(c.getType()))) {
                addStaticTypeError("Not allowed by the Strata sandbox: property access '" + e.getText()
                        + "' (call an allowed method instead)", e);
                return;
            }
            super.visitPropertyExpression(e);
        }

        @Override
        public void visitAttributeExpression(AttributeExpression e) {
            addStaticTypeError("Not allowed by the Strata sandbox: field access '" + e.getText() + "'", e);
        }

        @Override
        public void visitMethodPointerExpression(MethodPointerExpression e) {
            addStaticTypeError("Not allowed by the Strata sandbox: method pointer '" + e.getText() + "'", e);
        }

        @Override
        public void visitCastExpression(CastExpression e) {
            String target = ScriptAllowList.rawName(e.getType());
            if (!ScriptAllowList.CASTABLE.contains(target)) {
                addStaticTypeError("Not allowed by the Strata sandbox: cast or coercion to " + target, e);
                return;
            }
            super.visitCastExpression(e);
        }
    }
}
