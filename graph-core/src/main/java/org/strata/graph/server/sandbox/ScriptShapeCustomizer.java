package org.strata.graph.server.sandbox;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Checks the shape of a Gremlin script right after parsing, before any AST transformation can run: no
 * annotations anywhere (an annotation such as {@code @ASTTest} or {@code @Grab} runs code at compile
 * time, before any type check), no class or method declarations, no closures or lambdas. A script is a
 * sequence of statements and expressions over the bound variables.
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

    /** Walks statements and expressions looking for annotations and closures. */
    private static final class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            checkAnnotations(source, node);
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression e) {
            checkAnnotations(source, e);
            super.visitDeclarationExpression(e);
        }

        @Override
        public void visitClosureExpression(ClosureExpression e) {
            error(source, "closures and lambdas are not allowed", e);
        }
    }
}
