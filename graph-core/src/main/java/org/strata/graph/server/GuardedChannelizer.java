package org.strata.graph.server;

import io.netty.channel.ChannelPipeline;
import org.apache.tinkerpop.gremlin.server.channel.WebSocketChannelizer;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;

/**
 * Gremlin Server's websocket channelizer with a {@link RequestGuard} added after request decoding and
 * authentication, before the request reaches an op processor. Instantiated by Gremlin Server by name.
 */
public final class GuardedChannelizer extends WebSocketChannelizer {

    /** The guard's settings travel in the graph manager, the one object the server hands to every part. */
    private RequestGuard guard;

    @Override
    public void init(ServerGremlinExecutor executor) {
        super.init(executor);
        if (!(executor.getGraphManager() instanceof StoreGraphManager manager)) {
            throw new IllegalStateException("GuardedChannelizer needs StoreGraphManager as graph manager");
        }
        guard = new RequestGuard(manager.scriptsEnabled(), executor.getSettings().evaluationTimeout);
    }

    @Override
    public void configure(ChannelPipeline pipeline) {
        super.configure(pipeline);
        pipeline.addLast("strata-request-guard", guard);
    }
}
