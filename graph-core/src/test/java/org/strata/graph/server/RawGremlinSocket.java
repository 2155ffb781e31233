package org.strata.graph.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;

/**
 * A Gremlin client made of the JDK's own websocket and TinkerPop's GraphBinary serializer, for the attacks
 * a driver will not make: a browser's {@code Origin} header, a chosen local address, SASL by hand. It
 * speaks the real protocol; nothing is mocked.
 */
final class RawGremlinSocket implements AutoCloseable {

    private static final GraphBinaryMessageSerializerV1 SERIALIZER = new GraphBinaryMessageSerializerV1();

    private final WebSocket socket;
    private final LinkedBlockingQueue<ResponseMessage> responses = new LinkedBlockingQueue<>();

    private RawGremlinSocket(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens a websocket to {@code endpoint}.
     *
     * @param origin the {@code Origin} header a browser page would send, or {@code null} for none
     * @param local  the local address to connect from, or {@code null}
     * @throws java.util.concurrent.CompletionException with a {@code WebSocketHandshakeException} when the
     *                                                  server refuses the handshake
     */
    static RawGremlinSocket open(String endpoint, String origin, InetAddress local) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (local != null) {
            http.localAddress(local);
        }
        WebSocket.Builder b = http.build().newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        RawGremlinSocket[] self = new RawGremlinSocket[1];
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        WebSocket ws = b.buildAsync(URI.create(endpoint), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                partial.writeBytes(bytes);
                if (last) {
                    try {
                        self[0].responses.add(SERIALIZER.deserializeResponse(Unpooled.wrappedBuffer(partial.toByteArray())));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.reset();
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        self[0] = new RawGremlinSocket(ws);
        return self[0];
    }

    /** Sends a script; returns the server's final response (after SASL, when asked for it). */
    ResponseMessage eval(String script, String user, String password) throws Exception {
        RequestMessage request = RequestMessage.build(Tokens.OPS_EVAL).overrideRequestId(UUID.randomUUID())
                .add(Tokens.ARGS_GREMLIN, script).create();
        send(request);
        while (true) {
            ResponseMessage r = responses.poll(60, TimeUnit.SECONDS);
            if (r == null) {
                throw new IllegalStateException("no response in 60 s");
            }
            if (r.getStatus().getCode() == ResponseStatusCode.AUTHENTICATE) {
                byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
                send(RequestMessage.build(Tokens.OPS_AUTHENTICATION).overrideRequestId(request.getRequestId())
                        .addArg(Tokens.ARGS_SASL, Base64.getEncoder().encodeToString(plain)).create());
                continue;
            }
            if (r.getStatus().getCode() != ResponseStatusCode.PARTIAL_CONTENT) {
                return r;
            }
        }
    }

    private void send(RequestMessage request) throws Exception {
        ByteBuf buf = SERIALIZER.serializeRequestAsBinary(request, ByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Whether opening failed because the server refused the handshake with {@code status}. */
    static boolean refusedWith(Throwable t, int status) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode() == status;
            }
        }
        return false;
    }
}
