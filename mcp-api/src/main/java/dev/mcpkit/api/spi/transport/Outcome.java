package dev.mcpkit.api.spi.transport;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the engine made of one HTTP exchange; the transport turns it into a status code and a body.
 * Sealed, so a transport's {@code switch} over it is exhaustive.
 */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Answered, Outcome.Rejected {

  /**
   * The input held only notifications and responses and was accepted (202 for a POST), or a session
   * was ended (for a DELETE).
   */
  record Accepted() implements Outcome {}

  /**
   * The input held requests; these are their responses, in order.
   *
   * @param responses the responses (results and errors); empty if every request was cancelled
   * @param batch {@code true} if the input was a JSON-RPC batch, so a JSON answer is an array
   * @param newSession the session that {@code initialize} created, to announce in the {@code
   *     Mcp-Session-Id} header; or {@code null}
   */
  record Answered(List<JsonRpcMessage> responses, boolean batch, @Nullable SessionId newSession)
      implements Outcome {
    /** Validates the fields and copies the list. */
    public Answered {
      responses = List.copyOf(requireNonNull(responses, "responses"));
    }
  }

  /**
   * The exchange was refused as a whole.
   *
   * @param reason why; selects the HTTP status
   * @param error the JSON-RPC error for the body
   * @param id the id of the request refused, echoed in the error body; {@code null} when the
   *     exchange as a whole was refused before any request was read
   * @param retryAfter when the client may try again, for a {@code Retry-After} header; {@code null}
   *     for none
   */
  record Rejected(
      Rejection reason, JsonRpcError error, @Nullable RequestId id, @Nullable Duration retryAfter)
      implements Outcome {
    /** Validates the fields. */
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(error, "error");
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
      }
    }

    /**
     * Creates a rejection without a retry hint.
     *
     * @param reason why; selects the HTTP status
     * @param error the JSON-RPC error for the body
     * @param id the id of the request refused, or {@code null}
     */
    public Rejected(Rejection reason, JsonRpcError error, @Nullable RequestId id) {
      this(reason, error, id, null);
    }

    /**
     * Creates a rejection answered with a {@code null} id.
     *
     * @param reason why; selects the HTTP status
     * @param error the JSON-RPC error for the body
     */
    public Rejected(Rejection reason, JsonRpcError error) {
      this(reason, error, null, null);
    }
  }
}
