package dev.mcpkit.api.spi.transport;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
   * @param requiredScopes for {@link Rejection#INSUFFICIENT_SCOPE}, the scopes the refused request
   *     needs (not empty), for the {@code WWW-Authenticate} challenge; empty for every other reason
   */
  record Rejected(
      Rejection reason,
      JsonRpcError error,
      @Nullable RequestId id,
      @Nullable Duration retryAfter,
      Set<String> requiredScopes)
      implements Outcome {
    /** Validates the fields and copies the scopes. */
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(error, "error");
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
      }
      requiredScopes = Set.copyOf(requireNonNull(requiredScopes, "requiredScopes"));
      if (requiredScopes.isEmpty() == (reason == Rejection.INSUFFICIENT_SCOPE)) {
        throw new IllegalArgumentException(
            "requiredScopes must be given for INSUFFICIENT_SCOPE and only then; reason "
                + reason
                + ", requiredScopes "
                + requiredScopes);
      }
    }

    /**
     * Creates a rejection for any reason but {@link Rejection#INSUFFICIENT_SCOPE}.
     *
     * @param reason why; selects the HTTP status
     * @param error the JSON-RPC error for the body
     * @param id the id of the request refused, or {@code null}
     * @param retryAfter when the client may try again, or {@code null}
     */
    public Rejected(
        Rejection reason,
        JsonRpcError error,
        @Nullable RequestId id,
        @Nullable Duration retryAfter) {
      this(reason, error, id, retryAfter, Set.of());
    }

    /**
     * Creates the rejection of a request whose principal lacks scopes it needs.
     *
     * @param error the JSON-RPC error for the body
     * @param id the id of the request refused
     * @param requiredScopes the scopes the request needs; not empty
     * @return the rejection, {@link Rejection#INSUFFICIENT_SCOPE}
     */
    public static Rejected insufficientScope(
        JsonRpcError error, RequestId id, Set<String> requiredScopes) {
      return new Rejected(
          Rejection.INSUFFICIENT_SCOPE, error, requireNonNull(id, "id"), null, requiredScopes);
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
