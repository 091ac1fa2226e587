package dev.mcpkit.api.spi.transport;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import java.util.List;

/** The result of parsing an HTTP body with {@link JsonRpcCodec#parse(byte[], int, int)}. */
public sealed interface ParsedBody permits ParsedBody.Messages, ParsedBody.Malformed {

  /**
   * The body held valid JSON-RPC messages.
   *
   * @param messages the messages, in order; not empty
   * @param batch {@code true} if the body was a JSON array
   */
  record Messages(List<JsonRpcMessage> messages, boolean batch) implements ParsedBody {
    /** Validates the fields and copies the list. */
    public Messages {
      messages = List.copyOf(requireNonNull(messages, "messages"));
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("messages must not be empty");
      }
    }
  }

  /**
   * The body was not JSON ({@link JsonRpcError#PARSE_ERROR}) or not JSON-RPC ({@link
   * JsonRpcError#INVALID_REQUEST}).
   *
   * @param error the error to answer with
   */
  record Malformed(JsonRpcError error) implements ParsedBody {
    /** Validates the error. */
    public Malformed {
      requireNonNull(error, "error");
    }
  }
}
