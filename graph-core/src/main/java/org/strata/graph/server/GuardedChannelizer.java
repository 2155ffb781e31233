package org.strata.graph.server;

import io.netty.channel.ChannelPipeline;
import org.apache.tinkerpop.gremlin.server.channel.WebSocketChannelizer;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;

/**
 * Gremlin Server's websocket channelizer with a {@link RequestGuard} added after request decoding and
 * authentication, before the request reaches an op processor, and without websocket compression.
 * Instantiated by Gremlin Server by name.
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

    /**
     * Adds the guard, and removes permessage-deflate: Netty 4.1 inflates a compressed frame without a
     * bound before any size check, so a small frame could expand to gigabytes. Without compression the
     * frame limit ({@code maxContentLength}) applies to the bytes actually received.
     */
    @Override
    public void configure(ChannelPipeline pipeline) {
        super.configure(pipeline);
        if (pipeline.get(COMPRESSION_HANDLER) != null) {
            pipeline.remove(COMPRESSION_HANDLER);
        }
        pipeline.addLast("strata-request-guard", guard);
    }

    private static final String COMPRESSION_HANDLER = "web-socket-server-compression-handler";
}
