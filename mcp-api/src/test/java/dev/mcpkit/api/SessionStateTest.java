package dev.mcpkit.api;

import static dev.mcpkit.api.SessionState.ACTIVE;
import static dev.mcpkit.api.SessionState.CLOSED;
import static dev.mcpkit.api.SessionState.DRAINING;
import static dev.mcpkit.api.SessionState.INITIALIZING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionStateTest {

  private static final Set<String> LEGAL =
      Set.of(
          "INITIALIZING->ACTIVE",
          "INITIALIZING->DRAINING",
          "INITIALIZING->CLOSED",
          "ACTIVE->DRAINING",
          "ACTIVE->CLOSED",
          "DRAINING->CLOSED");

  static Stream<Arguments> everyPair() {
    return Stream.of(SessionState.values())
        .flatMap(from -> Stream.of(SessionState.values()).map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void everyTransitionIsLegalExactlyWhenTheTableSaysSo(SessionState from, SessionState to) {
    boolean legal = LEGAL.contains(from + "->" + to);

    assertThat(from.canTransitionTo(to)).isEqualTo(legal);
    assertThat(from.successors().contains(to)).isEqualTo(legal);
    if (legal) {
      assertThatCode(() -> from.requireTransitionTo(to)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> from.requireTransitionTo(to))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(from.name())
          .hasMessageContaining(to.name());
    }
  }

  @Test
  void closedIsTheOnlyTerminalStateAndNoStateLeadsToItself() {
    assertThat(CLOSED.isTerminal()).isTrue();
    assertThat(CLOSED.successors()).isEmpty();
    for (SessionState s : SessionState.values()) {
      assertThat(s.canTransitionTo(s)).as("%s -> itself", s).isFalse();
      assertThat(s.isTerminal()).isEqualTo(s == CLOSED);
    }
  }

  @Test
  void onlyInitializingAndActiveAcceptRequests() {
    assertThat(EnumSet.allOf(SessionState.class))
        .filteredOn(SessionState::acceptsRequests)
        .containsExactlyInAnyOrder(INITIALIZING, ACTIVE);
    assertThat(DRAINING.acceptsRequests()).isFalse();
  }

  @Test
  void successorSetsAreUnmodifiable() {
    assertThatThrownBy(() -> INITIALIZING.successors().add(CLOSED))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
