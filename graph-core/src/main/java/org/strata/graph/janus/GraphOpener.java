package org.strata.graph.janus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.janusgraph.diskstorage.configuration.backend.CommonsConfiguration;
import org.janusgraph.graphdb.configuration.builder.GraphDatabaseConfigurationBuilder;
import org.janusgraph.util.system.ConfigurationUtil;

/**
 * Opens the store's graph as a {@link StrataJanusGraph}: what {@code JanusGraphFactory.open} does for a
 * local graph (no JanusGraphManager, no configured-graph factory), with Strata's class in place of
 * JanusGraph's. For a properties file, directory and configuration-file settings are read relative to the
 * file's folder, as JanusGraph reads them.
 */
final class GraphOpener {

    private GraphOpener() {
    }

    static StrataJanusGraph open(Map<String, Object> settings) {
        BaseConfiguration c = ConfigurationUtil.createBaseConfiguration();
        settings.forEach(c::setProperty);
        return open(c);
    }

    static StrataJanusGraph open(Path file) {
        PropertiesConfiguration c;
        try {
            c = ConfigurationUtil.loadPropertiesConfig(file.toFile());
        } catch (org.apache.commons.configuration2.ex.ConfigurationException e) {
            throw new IllegalArgumentException("cannot read store configuration " + file + ": " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<String> keys = new ArrayList<>();
        c.getKeys().forEachRemaining(keys::add);
        for (String key : keys) {
            boolean pathSetting = (key.startsWith("storage.") || key.startsWith("index."))
                    && (key.endsWith(".directory") || key.endsWith(".conf-file"));
            if (pathSetting) {
                Path p = Path.of(c.getString(key));
                if (!p.isAbsolute()) {
                    c.setProperty(key, folder.resolve(p).normalize().toString());
                }
            }
        }
        return open(c);
    }

    private static StrataJanusGraph open(Configuration c) {
        return new StrataJanusGraph(new GraphDatabaseConfigurationBuilder().build(new CommonsConfiguration(c)));
    }
}
