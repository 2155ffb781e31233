package org.strata.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback OpenAI-compatible chat-completions server for tests (no model can run here). It speaks the
 * protocol: {@code POST /v1/chat/completions} with a JSON body that must name a model, carry messages
 * with known roles and string content, and ask for {@code response_format} {@code json_schema} with a
 * schema object; a bad request gets 400 with an OpenAI-style error body. Answers come from a function
 * of the request: content for a 200, or an error status.
 */
final class OpenAiStub implements AutoCloseable {

    /** What to answer: content (status 200) or an error status with a message, after a delay. */
    record Answer(int status, String content, long delayMs) {
        static Answer ok(String content) {
            return new Answer(200, content, 0);
        }

        static Answer error(int status, String message) {
            return new Answer(status, message, 0);
        }

        /** Content after {@code delayMs} milliseconds (a server slower than the client's timeout). */
        static Answer slow(long delayMs, String content) {
            return new Answer(200, content, delayMs);
        }
    }

    /** A request the stub accepted: the system message, the user message, the schema's name. */
    record Request(String model, String system, String user, String schemaName) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> answers;

    OpenAiStub(Function<Request, Answer> answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void answers(Function<Request, Answer> f) {
        this.answers = f;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!"POST".equals(x.getRequestMethod())) {
                send(x, 405, error("method not allowed", "invalid_request_error"));
                return;
            }
            String ct = x.getRequestHeaders().getFirst("Content-Type");
            if (ct == null || !ct.startsWith("application/json")) {
                send(x, 400, error("Content-Type must be application/json", "invalid_request_error"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(x.getRequestBody());
            } catch (IOException e) {
                send(x, 400, error("body is not JSON", "invalid_request_error"));
                return;
            }
            String problem = problem(body);
            if (problem != null) {
                send(x, 400, error(problem, "invalid_request_error"));
                return;
            }
            String system = "";
            String user = "";
            for (JsonNode m : body.get("messages")) {
                if (m.get("role").asText().equals("system")) {
                    system = m.get("content").asText();
                } else if (m.get("role").asText().equals("user")) {
                    user = m.get("content").asText();
                }
            }
            Request r = new Request(body.get("model").asText(), system, user,
                    body.get("response_format").get("json_schema").get("name").asText());
            requests.add(r);
            Answer a = answers.apply(r);
            if (a.delayMs() > 0) {
                try {
                    Thread.sleep(a.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (a.status() != 200) {
                send(x, a.status(), error(a.content(), a.status() == 429 ? "rate_limit_exceeded" : "server_error"));
                return;
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("id", "chatcmpl-" + requests.size());
            out.put("object", "chat.completion");
            out.put("created", System.currentTimeMillis() / 1000);
            out.put("model", r.model());
            ObjectNode choice = out.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", a.content());
            choice.put("finish_reason", "stop");
            out.putObject("usage").put("prompt_tokens", (system.length() + user.length()) / 4)
                    .put("completion_tokens", a.content().length() / 4)
                    .put("total_tokens", (system.length() + user.length() + a.content().length()) / 4);
            send(x, 200, JSON.writeValueAsString(out));
        }
    }

    /** What is wrong with a request body, or null. */
    static String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "body must be an object";
        }
        if (!body.path("model").isTextual() || body.get("model").asText().isBlank()) {
            return "'model' is required";
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "'messages' must be a non-empty array";
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText();
            if (!List.of("system", "user", "assistant").contains(role) || !m.path("content").isTextual()) {
                return "each message needs a role (system, user, assistant) and string content";
            }
        }
        JsonNode rf = body.get("response_format");
        if (rf == null || !"json_schema".equals(rf.path("type").asText())) {
            return "this server only answers requests with response_format type json_schema";
        }
        JsonNode js = rf.get("json_schema");
        if (js == null || !js.path("name").isTextual() || !js.path("schema").isObject()
                || !"object".equals(js.get("schema").path("type").asText())) {
            return "response_format.json_schema needs a name and an object schema";
        }
        return null;
    }

    private static String error(String message, String type) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
        return JSON.writeValueAsString(e);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
