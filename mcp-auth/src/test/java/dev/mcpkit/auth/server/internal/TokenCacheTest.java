package dev.mcpkit.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.auth.TokenPrincipal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The validated-token cache: honours each entry's expiry, stays bounded, keeps no token. */
class TokenCacheTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final TokenPrincipal ALICE =
      new TokenPrincipal("alice", null, Set.of("mcp:tools"), Map.of());

  @Test
  void anEntryServesUntilItsExpiryOnly() {
    TokenCache cache = new TokenCache(10);
    TokenCache.Digest token = TokenCache.Digest.of("token-a");

    cache.put(token, ALICE, T0.plusSeconds(60), T0);

    assertThat(cache.get(token, T0.plusSeconds(59))).isSameAs(ALICE);
    assertThat(cache.get(TokenCache.Digest.of("token-b"), T0)).isNull();
    assertThat(cache.get(token, T0.plusSeconds(60))).isNull();
    assertThat(cache.size()).as("the expired entry is dropped").isZero();
  }

  @Test
  void whenFullExpiredEntriesMakeRoomElseNewOnesAreNotCached() {
    TokenCache cache = new TokenCache(2);
    cache.put(TokenCache.Digest.of("short"), ALICE, T0.plusSeconds(1), T0);
    cache.put(TokenCache.Digest.of("long"), ALICE, T0.plusSeconds(600), T0);

    cache.put(TokenCache.Digest.of("third"), ALICE, T0.plusSeconds(600), T0.plusSeconds(5));
    cache.put(TokenCache.Digest.of("fourth"), ALICE, T0.plusSeconds(600), T0.plusSeconds(5));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(TokenCache.Digest.of("long"), T0.plusSeconds(5))).isSameAs(ALICE);
    assertThat(cache.get(TokenCache.Digest.of("third"), T0.plusSeconds(5))).isSameAs(ALICE);
    assertThat(cache.get(TokenCache.Digest.of("fourth"), T0.plusSeconds(5))).isNull();
  }

  @Test
  void sizeZeroCachesNothingAndExpiredEntriesAreNotStored() {
    TokenCache off = new TokenCache(0);
    TokenCache on = new TokenCache(10);

    off.put(TokenCache.Digest.of("a"), ALICE, T0.plusSeconds(60), T0);
    on.put(TokenCache.Digest.of("a"), ALICE, T0, T0);

    assertThat(off.get(TokenCache.Digest.of("a"), T0)).isNull();
    assertThat(on.size()).isZero();
  }

  @Test
  void digestsDifferForTokensThatDifferInOneCharacter() {
    assertThat(TokenCache.Digest.of("eyJ.a.b")).isEqualTo(TokenCache.Digest.of("eyJ.a.b"));
    assertThat(TokenCache.Digest.of("eyJ.a.b")).isNotEqualTo(TokenCache.Digest.of("eyJ.a.c"));
  }
}
