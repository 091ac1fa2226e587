package dev.mcpkit.benchmarks.e2e;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON floor (issue 20): {@link BareJettyHandler}'s floor plus the JSON work every JSON-RPC
 * server does and nothing else: the body is parsed into a Jackson tree, the {@code echo} answer is
 * built as a tree from the request's {@code id} and {@code params.arguments.message} and written
 * with the mapper, in the shape mcpkit answers each revision (a 2026-07-28 request, one whose
 * {@code params} carry {@code _meta}, gets {@code resultType} and {@code _meta.serverInfo}). No
 * session table, no header checks, no MCP semantics: {@code initialize} gets a result tree and a
 * fresh {@code Mcp-Session-Id} that is never looked up, as the bare floor's; a notification gets
 * 202 and anything but a POST 200.
 *
 * <p>What this handler costs over the bare floor is what Jackson alone costs per call: the part of
 * a server's CPU per call no MCP logic can remove without leaving Jackson. Two forms: {@link
 * NonBlocking} answers on the I/O thread that read the request, as mcpkit's non-blocking tools do;
 * {@link OnVirtualThread} is a blocking handler, which Jetty runs on a virtual thread of the
 * server's thread pool, as a plain tool's call runs (Jetty's own hand-off, not mcpkit's). Stateless
 * and thread-safe.
 */
final class JsonFloorHandler {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonFloorHandler() {}

  /** Answers on the I/O thread. */
  static final class NonBlocking extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.setStatus(HttpStatus.OK_200);
        callback.succeeded();
        return true;
      }
      Content.Source.asByteBufferAsync(request)
          .whenComplete(
              (body, failure) -> {
                if (failure != null) {
                  callback.failed(failure);
                } else {
                  answer(body, response, callback);
                }
              });
      return true;
    }
  }

  /** Blocks: Jetty calls it on a virtual thread when the thread pool has a virtual executor. */
  static final class OnVirtualThread extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (!HttpMethod.POST.is(request.getMethod())) {
        response.setStatus(HttpStatus.OK_200);
        callback.succeeded();
        return true;
      }
      answer(Content.Source.asByteBuffer(request), response, callback);
      return true;
    }
  }

  private static void answer(ByteBuffer body, Response response, Callback callback) {
    try {
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      answer(bytes, response, callback);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }

  private static void answer(byte[] body, Response response, Callback callback) {
    JsonNode message = MAPPER.readTree(body);
    JsonNode id = message.get("id");
    if (id == null) {
      response.setStatus(HttpStatus.ACCEPTED_202);
      callback.succeeded();
      return;
    }
    JsonNode params = message.path("params");
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", id);
    ObjectNode result = answer.putObject("result");
    if ("initialize".equals(message.path("method").asString(""))) {
      response.getHeaders().put("Mcp-Session-Id", UUID.randomUUID().toString());
      result.put("protocolVersion", params.path("protocolVersion").asString(""));
      result.putObject("capabilities").putObject("tools");
      result.putObject("serverInfo").put("name", "jetty-json").put("version", "1.0");
      write(answer, response, callback);
      return;
    }
    result
        .putArray("content")
        .addObject()
        .put("type", "text")
        .put("text", params.path("arguments").path("message").asString(""));
    if (params.has("_meta")) {
      result.put("resultType", "complete");
      result
          .putObject("_meta")
          .putObject("io.modelcontextprotocol/serverInfo")
          .put("name", "jetty-json")
          .put("version", "1.0");
    } else {
      result.put("isError", false);
    }
    write(answer, response, callback);
  }

  private static void write(ObjectNode answer, Response response, Callback callback) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(MAPPER.writeValueAsBytes(answer)), callback);
  }
}
