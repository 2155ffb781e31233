package org.strata.graph.server.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.strata.graph.server.budget.RequestBudget;

/**
 * Checks the shape of a Gremlin script right after parsing, before any AST transformation can run: no
 * annotations anywhere (an annotation such as {@code @ASTTest} or {@code @Grab} runs code at compile
 * time, before any type check), no class or method declarations, no closures or lambdas. A script is a
 * sequence of statements and expressions over the bound variables.
 *
 * <p>Then it makes three changes: a call to {@link RequestBudget#check()} before every statement and at
 * the start of every loop turn, so that a stopped or over-budget request ends there (the server never
 * interrupts a request's thread); strategies named in {@code withStrategies} become calls to
 * {@link ClientStrategies}; and decimal literals become doubles: Groovy reads {@code 0.5} as a BigDecimal, whose arithmetic
 * can grow without bound, while graph properties and every other Gremlin client use doubles.
 */
final class ScriptShapeCustomizer extends CompilationCustomizer {

    ScriptShapeCustomizer() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (module.getPackage() != null && !module.getPackage().getAnnotations().isEmpty()) {
            error(source, "annotations are not allowed", module.getPackage());
        }
        for (ImportNode i : module.getImports()) {
            checkAnnotations(source, i);
        }
        for (ImportNode i : module.getStarImports()) {
            checkAnnotations(source, i);
        }
        for (ImportNode i : module.getStaticImports().values()) {
            checkAnnotations(source, i);
        }
        for (ImportNode i : module.getStaticStarImports().values()) {
            checkAnnotations(source, i);
        }
        if (!classNode.isScript()) {
            error(source, "class declarations are not allowed", classNode);
            return;
        }
        checkAnnotations(source, classNode);
        for (MethodNode m : classNode.getMethods()) {
            if (!m.getName().equals("run") && !m.getName().equals("main")) {
                error(source, "method declarations are not allowed ('" + m.getName() + "')", m);
            }
        }
        new Visitor(source).visitClass(classNode);
        new DecimalsToDoubles(source).visitClass(classNode);
        new StrategiesByName(source).visitClass(classNode);
        new BudgetChecks(source).visitClass(classNode);
    }

    private static void checkAnnotations(SourceUnit source, AnnotatedNode node) {
        if (node != null && !node.getAnnotations().isEmpty()) {
            error(source, "annotations are not allowed (@" + node.getAnnotations().get(0).getClassNode().getName() + ")",
                    node);
        }
    }

    private static void error(SourceUnit source, String message, ASTNode node) {
        source.getErrorCollector().addError(new SyntaxErrorMessage(new SyntaxException(
                "Not allowed by the Strata sandbox: " + message, node.getLineNumber(), node.getColumnNumber()), source));
    }

    /** Replaces BigDecimal constants with the nearest double. */
    private static final class DecimalsToDoubles extends SourceVisitors.Transformer {
        DecimalsToDoubles(SourceUnit source) {
            super(source);
        }

        @Override
        public Expression transform(Expression e) {
            if (e instanceof ConstantExpression c && c.getValue() instanceof BigDecimal d) {
                ConstantExpression replaced = new ConstantExpression(d.doubleValue());
                replaced.setSourcePosition(c);
                return replaced;
            }
            return e == null ? null : e.transformExpression(this);
        }
    }

    /**
     * Rewrites the arguments of {@code withStrategies(...)} that name an allowed strategy, as a bare class name
     * ({@code ReadOnlyStrategy}) or with Gremlin's named-argument constructor ({@code new SeedStrategy(seed:
     * 7)}), into {@link ClientStrategies#create}: static compilation has no metaclass to make those forms
     * work, and the factory builds nothing but the allowed strategies. Anything else is left to be refused.
     */
    private static final class StrategiesByName extends SourceVisitors.Transformer {
        private static final ClassNode FACTORY = ClassHelper.make(ClientStrategies.class);

        StrategiesByName(SourceUnit source) {
            super(source);
        }

        @Override
        public Expression transform(Expression e) {
            if (e instanceof MethodCallExpression call && "withStrategies".equals(call.getMethodAsString())
                    && call.getArguments() instanceof ArgumentListExpression args) {
                List<Expression> rewritten = new ArrayList<>();
                for (Expression a : args.getExpressions()) {
                    rewritten.add(strategy(a));
                }
                MethodCallExpression copy = new MethodCallExpression(transform(call.getObjectExpression()),
                        call.getMethod(), new ArgumentListExpression(rewritten));
                copy.setSourcePosition(call);
                copy.setSafe(call.isSafe());
                copy.setImplicitThis(call.isImplicitThis());
                return copy;
            }
            return e == null ? null : e.transformExpression(this);
        }

        private Expression strategy(Expression a) {
            String name = null;
            MapExpression conf = new MapExpression();
            if (a instanceof VariableExpression v) {
                name = v.getName();
            } else if (a instanceof ClassExpression c) {
                name = c.getType().getNameWithoutPackage();
            } else if (a instanceof ConstructorCallExpression ctor) {
                name = ctor.getType().getNameWithoutPackage();
                if (ctor.getArguments() instanceof TupleExpression t && t.getExpressions().size() == 1
                        && t.getExpression(0) instanceof MapExpression named) {
                    for (MapEntryExpression entry : named.getMapEntryExpressions()) {
                        conf.addMapEntryExpression(transform(entry.getKeyExpression()), transform(entry.getValueExpression()));
                    }
                } else if (!(ctor.getArguments() instanceof TupleExpression t && t.getExpressions().isEmpty())) {
                    return transform(a);
                }
            }
            if (name == null || !ClientStrategies.names().contains(name)) {
                return transform(a);
            }
            StaticMethodCallExpression create = new StaticMethodCallExpression(FACTORY, "create",
                    new ArgumentListExpression(new ConstantExpression(name), conf));
            create.setSourcePosition(a);
            return create;
        }
    }

    /**
     * Inserts {@code RequestBudget.check()} before every statement of every block, and makes every loop body
     * a block that starts with one (so {@code while (true) {}} checks too).
     */
    private static final class BudgetChecks extends SourceVisitors.Visitor {
        private static final ClassNode BUDGET = ClassHelper.make(RequestBudget.class);

        BudgetChecks(SourceUnit source) {
            super(source);
        }

        private static Statement check() {
            return new ExpressionStatement(new StaticMethodCallExpression(BUDGET, "check",
                    ArgumentListExpression.EMPTY_ARGUMENTS));
        }

        private static Statement asBlock(Statement body) {
            if (body instanceof BlockStatement b) {
                return b;
            }
            BlockStatement block = new BlockStatement();
            if (body != null && !body.isEmpty()) {
                block.addStatement(body);
            }
            return block;
        }

        @Override
        public void visitBlockStatement(BlockStatement block) {
            super.visitBlockStatement(block);
            List<Statement> statements = block.getStatements();
            List<Statement> checked = new ArrayList<>(statements.size() * 2 + 1);
            for (Statement s : statements) {
                checked.add(check());
                checked.add(s);
            }
            if (checked.isEmpty()) {
                checked.add(check());
            }
            statements.clear();
            statements.addAll(checked);
        }

        @Override
        public void visitForLoop(ForStatement loop) {
            loop.setLoopBlock(asBlock(loop.getLoopBlock()));
            super.visitForLoop(loop);
        }

        @Override
        public void visitWhileLoop(WhileStatement loop) {
            loop.setLoopBlock(asBlock(loop.getLoopBlock()));
            super.visitWhileLoop(loop);
        }

        @Override
        public void visitDoWhileLoop(DoWhileStatement loop) {
            loop.setLoopBlock(asBlock(loop.getLoopBlock()));
            super.visitDoWhileLoop(loop);
        }
    }

    /** Walks statements and expressions looking for annotations and closures. */
    private static final class Visitor extends SourceVisitors.Visitor {
        Visitor(SourceUnit source) {
            super(source);
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            checkAnnotations(getSourceUnit(), node);
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression e) {
            checkAnnotations(getSourceUnit(), e);
            super.visitDeclarationExpression(e);
        }

        @Override
        public void visitClosureExpression(ClosureExpression e) {
            error(getSourceUnit(), "closures and lambdas are not allowed", e);
        }
    }
}
