package org.strata.graph.server.sandbox;

import org.apache.tinkerpop.gremlin.groovy.jsr223.GroovyCustomizer;
import org.apache.tinkerpop.gremlin.jsr223.AbstractGremlinPlugin;

/**
 * The Gremlin script-engine plugin that adds the {@link ScriptShapeCustomizer} to every script
 * compilation. It works together with {@code GroovyCompilerGremlinPlugin} configured for
 * {@code COMPILE_STATIC} with {@link SandboxTypeChecker} as its extension; {@link #compilerPluginConfig()}
 * gives that configuration.
 */
public final class SandboxPlugin extends AbstractGremlinPlugin {

    private static final SandboxPlugin INSTANCE = new SandboxPlugin();

    private SandboxPlugin() {
        super("strata.sandbox", (GroovyCustomizer) ScriptShapeCustomizer::new);
    }

    /** Called by Gremlin Server's plugin loader. */
    public static SandboxPlugin instance() {
        return INSTANCE;
    }

    /** The configuration of {@code GroovyCompilerGremlinPlugin} that completes the sandbox. */
    public static java.util.Map<String, Object> compilerPluginConfig() {
        return java.util.Map.of("enableThreadInterrupt", true, "compilation", "COMPILE_STATIC",
                "extensions", SandboxTypeChecker.class.getName());
    }
}
