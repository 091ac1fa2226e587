package dev.mcpkit.api.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The refusal for insufficient scope carries the scopes needed, and only it does. */
class OutcomeTest {
  private static final JsonRpcError ERROR = JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "no");

  @Test
  void anInsufficientScopeRefusalNamesTheScopes() {
    Outcome.Rejected rejected =
        Outcome.Rejected.insufficientScope(ERROR, RequestId.of(1), Set.of("a", "b"));

    assertThat(rejected.reason()).isEqualTo(Rejection.INSUFFICIENT_SCOPE);
    assertThat(rejected.requiredScopes()).containsExactlyInAnyOrder("a", "b");
    assertThat(rejected.id()).isEqualTo(RequestId.of(1));
  }

  @Test
  void scopesGoWithInsufficientScopeAndOnlyWithIt() {
    assertThatThrownBy(() -> Outcome.Rejected.insufficientScope(ERROR, RequestId.of(1), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Outcome.Rejected(Rejection.UNAVAILABLE, ERROR, null, null, Set.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcome.Rejected(Rejection.INSUFFICIENT_SCOPE, ERROR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Outcome.Rejected(Rejection.UNKNOWN_SESSION, ERROR).requiredScopes()).isEmpty();
  }
}
