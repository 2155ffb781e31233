package org.strata.graph.server;

import io.netty.channel.ChannelPipeline;
import org.apache.tinkerpop.gremlin.server.channel.WebSocketChannelizer;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;

/**
 * Gremlin Server's websocket channelizer with Strata's guards: an {@link OriginGuard} on the HTTP
 * handshake, and a {@link RequestGuard} after request decoding and authentication, before the request
 * reaches an op processor; without websocket compression. Instantiated by Gremlin Server by name.
 */
public final class GuardedChannelizer extends WebSocketChannelizer {

    /** The guards' settings travel in the graph manager, the one object the server hands to every part. */
    private RequestGuard guard;
    private OriginGuard origins;

    @Override
    public void init(ServerGremlinExecutor executor) {
        super.init(executor);
        if (!(executor.getGraphManager() instanceof StoreGraphManager manager)) {
            throw new IllegalStateException("GuardedChannelizer needs StoreGraphManager as graph manager");
        }
        StoreGraphManager.Registration r = manager.registration();
        ServerParameters p = r.parameters();
        guard = new RequestGuard(p.scriptsEnabled(), p.limits().evaluationTimeout().toMillis(), p.limits().maxSessions(),
                r.budgets(), r.attribution());
        origins = new OriginGuard(p.security().allowedOrigins(), p.host(), p.port());
    }

    /**
     * Adds the guards, and removes permessage-deflate: Netty 4.1 inflates a compressed frame without a
     * bound before any size check, so a small frame could expand to gigabytes. Without compression the
     * frame limit ({@code maxContentLength}) applies to the bytes actually received.
     */
    @Override
    public void configure(ChannelPipeline pipeline) {
        super.configure(pipeline);
        if (pipeline.get(PIPELINE_WEBSOCKET_SERVER_COMPRESSION) != null) {
            pipeline.remove(PIPELINE_WEBSOCKET_SERVER_COMPRESSION);
        }
        pipeline.addAfter(PIPELINE_HTTP_AGGREGATOR, "strata-origin-guard", origins);
        pipeline.addLast("strata-request-guard", guard);
    }
}
