package dev.mcpkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class McpMethodTest {
  private static final Set<ProtocolVersion> SESSION_BASED =
      EnumSet.of(
          ProtocolVersion.V2025_03_26, ProtocolVersion.V2025_06_18, ProtocolVersion.V2025_11_25);

  @Test
  void everyMethodIsFoundByItsWireNameAndNothingElseIs() {
    for (McpMethod method : McpMethod.values()) {
      assertThat(McpMethod.of(method.wireName())).isSameAs(method);
    }
    assertThat(McpMethod.of("tools/cal")).isNull();
    assertThat(McpMethod.of("TOOLS/CALL")).isNull();
    assertThat(McpMethod.of("")).isNull();
    assertThatThrownBy(() -> McpMethod.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void wireNamesAreUnique() {
    assertThat(
            Arrays.stream(McpMethod.values()).map(McpMethod::wireName).collect(Collectors.toSet()))
        .hasSize(McpMethod.values().length);
  }

  @Test
  void revisionsAreSane() {
    for (McpMethod method : McpMethod.values()) {
      assertThat(method.revisions()).as(method.wireName()).isNotEmpty();
      for (ProtocolVersion version : ProtocolVersion.values()) {
        assertThat(method.existsIn(version)).isEqualTo(method.revisions().contains(version));
      }
    }
    // The sessionless revision drops the handshake and adds discovery and listening.
    assertThat(McpMethod.INITIALIZE.revisions()).isEqualTo(SESSION_BASED);
    assertThat(McpMethod.NOTIFICATIONS_INITIALIZED.revisions()).isEqualTo(SESSION_BASED);
    assertThat(McpMethod.SERVER_DISCOVER.revisions()).containsExactly(ProtocolVersion.V2026_07_28);
    assertThat(McpMethod.SUBSCRIPTIONS_LISTEN.revisions())
        .containsExactly(ProtocolVersion.V2026_07_28);
    assertThat(McpMethod.ELICITATION_CREATE.existsIn(ProtocolVersion.V2025_03_26)).isFalse();
    assertThat(McpMethod.ELICITATION_CREATE.existsIn(ProtocolVersion.V2025_06_18)).isTrue();
    assertThat(McpMethod.TOOLS_CALL.revisions())
        .containsExactlyInAnyOrder(ProtocolVersion.values());
    assertThatThrownBy(() -> McpMethod.PING.revisions().add(ProtocolVersion.V2026_07_28))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void directionsAndCapabilitiesAgreeWithTheNames() {
    for (McpMethod method : McpMethod.values()) {
      assertThat(method.isNotification()).isEqualTo(method.wireName().startsWith("notifications/"));
      if (!method.isNotification()) {
        assertThat(method.direction())
            .as(method.wireName())
            .isNotEqualTo(McpMethod.Direction.EITHER);
      }
      assertThat(method.clientCapability() != null)
          .as(method.wireName())
          .isEqualTo(
              method.direction() == McpMethod.Direction.SERVER_TO_CLIENT
                  && !method.isNotification());
      if (method.isNotification()) {
        assertThat(method.servingType()).isEqualTo(InvocationType.NON_BLOCKING);
      }
    }
    assertThat(McpMethod.SAMPLING_CREATE_MESSAGE.clientCapability()).isEqualTo("sampling");
    assertThat(McpMethod.COMPLETION_COMPLETE.serverCapability().wireName())
        .isEqualTo("completions");
    assertThat(McpMethod.Capability.NONE.wireName()).isNull();
    assertThat(McpMethod.TOOLS_CALL.isServerRequest()).isTrue();
    assertThat(McpMethod.ROOTS_LIST.isServerRequest()).isFalse();
    assertThat(McpMethod.NOTIFICATIONS_INITIALIZED.isServerRequest()).isFalse();
  }

  @Test
  void onlyHandlerRunningAndOpenEndedMethodsMayBlock() {
    Set<McpMethod> blocking =
        Arrays.stream(McpMethod.values())
            .filter(method -> !method.servingType().isNonBlocking())
            .collect(Collectors.toSet());

    assertThat(blocking)
        .containsExactlyInAnyOrder(
            McpMethod.RESOURCES_READ,
            McpMethod.RESOURCES_SUBSCRIBE,
            McpMethod.RESOURCES_UNSUBSCRIBE,
            McpMethod.PROMPTS_GET,
            McpMethod.COMPLETION_COMPLETE,
            McpMethod.SUBSCRIPTIONS_LISTEN);
  }
}
