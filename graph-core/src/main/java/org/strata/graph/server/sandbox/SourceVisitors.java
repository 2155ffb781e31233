package org.strata.graph.server.sandbox;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.control.SourceUnit;

/** The sandbox's walks over a script's syntax tree, each bound to the source unit it reports errors to. */
final class SourceVisitors {

    private SourceVisitors() {
    }

    /** A visitor of one script's tree. */
    abstract static class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }
    }

    /** A transformer of one script's expressions. */
    abstract static class Transformer extends ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Transformer(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }
    }
}
