package dev.mcpkit.metrics;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SERVER spans per request over a real server, parented by the client's {@code _meta.traceparent}.
 */
class McpTracingTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VERSION = "2025-11-25";
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_SPAN_ID = "b7ad6b7169203331";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The span current inside the tool handler. */
  private final AtomicReference<String> spanInHandler = new AtomicReference<>();

  private SessionManager sessions;
  private McpHttpServer server;
  private URI endpoint;

  @BeforeEach
  void start() {
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setMeterProvider(meterProvider)
            .build();
    McpMetrics metrics = McpMetrics.create(otel);
    JsonNode empty = JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("tracing-test", "1.0.0")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes.",
                    empty,
                    (arguments, ctx) -> {
                      spanInHandler.set(Span.current().getSpanContext().getSpanId());
                      return ToolResult.text("hi");
                    }))
            .tool(Tool.of("broken", "Fails.", empty, (arguments, ctx) -> ToolResult.error("nope")))
            .build();
    sessions = SessionManagers.builder().listener(metrics.sessionListener()).build();
    McpEngine engine =
        McpEngines.builder(config, sessions)
            .observer(McpTracing.create(otel).serverObserver(metrics.serverObserver()))
            .build();
    server = McpHttpServer.builder().engine(engine).port(0).build();
    server.start();
    endpoint = server.endpoint();
  }

  @AfterEach
  void stop() {
    server.close();
    sessions.close();
    tracerProvider.close();
    meterProvider.close();
  }

  @Test
  void aServerSpanPerRequestContinuesTheClientsTrace() throws Exception {
    HttpResponse<String> init =
        post(
            null,
            call(
                1,
                "initialize",
                "{\"protocolVersion\":\""
                    + VERSION
                    + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"));
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(
        session,
        call(
            2,
            "tools/call",
            "{\"name\":\"echo\",\"arguments\":{},\"_meta\":{\"traceparent\":\"00-"
                + TRACE_ID
                + "-"
                + PARENT_SPAN_ID
                + "-01\",\"tracestate\":\"vendor=x\"}}"));
    post(session, call(3, "tools/call", "{\"name\":\"broken\",\"arguments\":{}}"));

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished)
        .extracting(SpanData::getName)
        .containsExactly("initialize", "tools/call echo", "tools/call broken");
    SpanData echo = finished.get(1);
    assertThat(echo)
        .hasKind(SpanKind.SERVER)
        .hasTraceId(TRACE_ID)
        .hasParentSpanId(PARENT_SPAN_ID)
        .hasAttribute(AttributeKey.stringKey("mcp.method.name"), "tools/call")
        .hasAttribute(AttributeKey.stringKey("gen_ai.tool.name"), "echo")
        .hasAttribute(AttributeKey.stringKey("gen_ai.operation.name"), "execute_tool")
        .hasAttribute(AttributeKey.stringKey("mcp.protocol.version"), VERSION);
    assertThat(echo.getSpanContext().getTraceState().get("vendor")).isEqualTo("x");
    assertThat(spanInHandler.get())
        .as("the request's span is current in the handler")
        .isEqualTo(echo.getSpanId());
    SpanData broken = finished.get(2);
    assertThat(broken)
        .hasKind(SpanKind.SERVER)
        .hasNoParent()
        .hasAttribute(AttributeKey.stringKey("error.type"), "tool_error");
    assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    // The metrics observer behind the tracing still sees every operation.
    assertThat(reader.collectAllMetrics())
        .anySatisfy(m -> assertThat(m.getName()).isEqualTo("mcp.server.operation.duration"));
  }

  private static String call(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  private HttpResponse<String> post(String session, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }
}
