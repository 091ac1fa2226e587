package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdGeneratorTest {

  @Test
  void idsCarryAtLeast128RandomBitsInVisibleAscii() {
    SessionId id = SessionIdGenerator.next();

    byte[] decoded = Base64.getUrlDecoder().decode(id.value());
    assertThat(decoded.length * 8).isGreaterThanOrEqualTo(128);
    assertThat(id.value()).matches("[A-Za-z0-9_-]+");
    assertThat(id.value().chars()).allMatch(c -> c >= 0x21 && c <= 0x7E);
    assertThat(SessionId.isValid(id.value())).isTrue();
  }

  @Test
  void idsDoNotRepeat() {
    Set<SessionId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(SessionIdGenerator.next())).isTrue();
    }
  }
}
