package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

/** A JSON-RPC request id: a string or an integer (MCP forbids {@code null} ids on requests). */
public sealed interface RequestId permits RequestId.Text, RequestId.Number {

  /**
   * A string id.
   *
   * @param value the id
   */
  record Text(String value) implements RequestId {
    /** Validates the value. */
    public Text {
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /**
   * An integer id.
   *
   * @param value the id
   */
  record Number(long value) implements RequestId {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * Creates a string id.
   *
   * @param value the id
   * @return the id
   */
  static RequestId of(String value) {
    return new Text(value);
  }

  /**
   * Creates an integer id.
   *
   * @param value the id
   * @return the id
   */
  static RequestId of(long value) {
    return new Number(value);
  }
}
