package org.strata.graph.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Refuses the websocket handshake of a browser page from an origin the server does not allow: without it
 * any page a user opens could connect to {@code ws://127.0.0.1:8182/gremlin} (browsers do not apply the
 * same-origin policy to websockets) and send traversals with the user's access. Browsers always send an
 * {@code Origin} header on a websocket handshake, and a page can set neither it nor the
 * {@code User-Agent}. Answers 403 and closes the connection.
 *
 * <p>Allowed: no {@code Origin} (the JavaScript, Python and .NET drivers, the console); the origins given
 * with {@code --allow-origin}; the server's own origin ({@code http(s)://127.0.0.1|localhost|[::1]|HOST:PORT},
 * which Netty-based drivers such as the Java one send, and from which no page can come because the port
 * is the Gremlin Server's); and any origin on the server's port from a client whose {@code User-Agent}
 * names a TinkerPop driver (a Java driver that connected by another host name).
 *
 * <p>Stateless; shared by all channels.
 */
@ChannelHandler.Sharable
final class OriginGuard extends ChannelInboundHandlerAdapter {

    private final Set<String> allowed;
    private final int port;

    OriginGuard(List<String> allowed, String host, int port) {
        java.util.Set<String> all = new java.util.HashSet<>(allowed);
        for (String scheme : List.of("http", "https")) {
            for (String h : List.of("127.0.0.1", "localhost", "[::1]", host.contains(":") ? "[" + host + "]" : host)) {
                all.add(scheme + "://" + h + ":" + port);
            }
        }
        this.allowed = Set.copyOf(all);
        this.port = port;
    }

    /** Whether a handshake with this {@code Origin} and {@code User-Agent} may proceed. */
    boolean allows(String origin, String userAgent) {
        if (origin == null || allowed.contains(origin)) {
            return true;
        }
        return userAgent != null && userAgent.startsWith("Gremlin") && origin.endsWith(":" + port)
                && (origin.startsWith("http://") || origin.startsWith("https://"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!allows(origin, request.headers().get(HttpHeaderNames.USER_AGENT))) {
                ReferenceCountUtil.release(msg);
                String body = "Origin " + origin + " is not allowed to connect to this Gremlin Server (strata serve "
                        + "--allow-origin " + origin + " allows it)\n";
                FullHttpResponse refusal = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                refusal.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
                refusal.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, refusal.content().readableBytes());
                ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
