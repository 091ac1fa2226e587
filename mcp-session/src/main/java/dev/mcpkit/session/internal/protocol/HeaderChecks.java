package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.spi.transport.RequestHeaders;
import dev.mcpkit.codec.McpParamHeaders;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The header/body checks of revision 2026-07-28 (Streamable HTTP, "Server Validation"): the
 * standard headers {@code Mcp-Method} and {@code Mcp-Name} must be present and equal the body's
 * {@code method} and {@code params.name}/{@code params.uri}, and every argument a tool annotates
 * with {@code x-mcp-header} must be mirrored in {@code Mcp-Param-{name}}. Values may come in the
 * Base64 sentinel form {@code =?base64?...?=}, decoded before comparing. A failure is a {@code
 * HeaderMismatch} ({@code -32020}, HTTP 400), so that a router that trusted the header and the
 * server that executes the body can never disagree.
 *
 * <p>Stateless and thread-safe; the mirrored parameters of a tool are computed once.
 */
public final class HeaderChecks {
  private static final String SENTINEL_PREFIX = "=?base64?";
  private static final String SENTINEL_SUFFIX = "?=";

  private HeaderChecks() {}

  /** Checks {@code Mcp-Method} and, where the method has one, {@code Mcp-Name}. */
  public static void checkStandard(
      RequestHeaders headers, String method, @Nullable JsonNode params) {
    String methodHeader = headers.get(McpHeaders.MCP_METHOD);
    if (methodHeader == null) {
      throw mismatch("the Mcp-Method header is required");
    }
    if (!methodHeader.equals(method)) {
      throw mismatch(
          "Mcp-Method header value '"
              + methodHeader
              + "' does not match body value '"
              + method
              + "'");
    }
    String field = McpParamHeaders.nameMember(method);
    if (field == null) {
      // The Tasks extension routes its methods by task id.
      field =
          switch (method) {
            case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
            default -> null;
          };
    }
    if (field == null) {
      return;
    }
    JsonNode value = params == null ? null : params.get(field);
    String nameHeader = headers.get(McpHeaders.MCP_NAME);
    if (nameHeader == null) {
      throw mismatch("the Mcp-Name header is required for " + method);
    }
    String decoded = decode(nameHeader, McpHeaders.MCP_NAME);
    if (value == null || !value.isString() || !decoded.equals(value.stringValue())) {
      throw mismatch(
          "Mcp-Name header value '"
              + nameHeader
              + "' does not match body value '"
              + (value == null ? "" : value.asString())
              + "'");
    }
  }

  /** Checks the {@code Mcp-Param-*} headers of a tool call against its arguments. */
  public static void checkParams(
      RequestHeaders headers, List<McpParamHeaders.Mirrored> mirrored, JsonNode arguments) {
    for (McpParamHeaders.Mirrored param : mirrored) {
      JsonNode value = param.valueIn(arguments);
      String headerName = param.headerName();
      String header = headers.get(headerName);
      if (value == null || value.isNull()) {
        if (header != null) {
          throw mismatch(headerName + " is present but the argument it mirrors is not");
        }
        continue;
      }
      if (header == null) {
        throw mismatch("the " + headerName + " header is required: the tool mirrors that argument");
      }
      String decoded = decode(header, headerName);
      if (!matches(decoded, value)) {
        throw mismatch(headerName + " header value does not match the argument");
      }
    }
  }

  /**
   * The arguments a tool's input schema annotates with {@code x-mcp-header}, via properties only:
   * the walk the client makes to send them ({@link McpParamHeaders#of}).
   */
  public static List<McpParamHeaders.Mirrored> mirroredParams(Tool tool) {
    return McpParamHeaders.of(tool.inputSchema());
  }

  private static boolean matches(String header, JsonNode value) {
    if (value.isString()) {
      return header.equals(value.stringValue());
    }
    if (value.isBoolean()) {
      return header.equals(value.booleanValue() ? "true" : "false");
    }
    if (value.isNumber()) {
      try {
        return new BigDecimal(header).compareTo(value.decimalValue()) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  /** Decodes the Base64 sentinel form; a plain value must be visible ASCII, space or tab. */
  static String decode(String value, String headerName) {
    if (value.startsWith(SENTINEL_PREFIX)
        && value.endsWith(SENTINEL_SUFFIX)
        && value.length() >= SENTINEL_PREFIX.length() + SENTINEL_SUFFIX.length()) {
      String encoded =
          value.substring(SENTINEL_PREFIX.length(), value.length() - SENTINEL_SUFFIX.length());
      if (encoded.length() % 4 != 0) {
        // The JDK's decoder accepts a missing padding; the sentinel form requires canonical Base64.
        throw mismatch(headerName + " carries Base64 without its padding");
      }
      try {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw mismatch(headerName + " carries malformed Base64");
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7E)) {
        throw mismatch(headerName + " contains characters not allowed in a header value");
      }
    }
    return value;
  }

  private static ProtocolError mismatch(String detail) {
    return new ProtocolError(StatelessErrors.headerMismatch(detail));
  }
}
