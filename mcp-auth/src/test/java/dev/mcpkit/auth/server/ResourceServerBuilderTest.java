package dev.mcpkit.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder's checks, and where the metadata goes for a given resource URI (RFC 9728 §3.1). */
class ResourceServerBuilderTest {
  private static final URI ISSUER = URI.create("https://auth.example.com");

  private static ResourceServer of(String resource) {
    return ResourceServer.builder()
        .resource(URI.create(resource))
        .authorizationServer(ISSUER)
        .build();
  }

  @Test
  void theMetadataUrlInsertsTheWellKnownPathBeforeTheResourcePath() {
    ResourceServer withPath = of("https://mcp.example.com:8443/tenant/mcp");
    ResourceServer bare = of("https://mcp.example.com");

    assertThat(withPath.metadataUrl())
        .isEqualTo(
            URI.create(
                "https://mcp.example.com:8443/.well-known/oauth-protected-resource/tenant/mcp"));
    assertThat(withPath.metadataPaths())
        .containsExactly(
            "/.well-known/oauth-protected-resource/tenant/mcp",
            "/.well-known/oauth-protected-resource");
    assertThat(bare.metadataUrl())
        .isEqualTo(URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"));
    assertThat(bare.metadataPaths()).containsExactly("/.well-known/oauth-protected-resource");
    assertThat(new String(bare.metadataDocument(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"resource\":\"https://mcp.example.com\",\"authorization_servers\":"
                + "[\"https://auth.example.com\"],\"bearer_methods_supported\":[\"header\"]}");
  }

  @Test
  void requiredScopesAreAdvertisedToo() {
    ResourceServer server =
        ResourceServer.builder()
            .resource(URI.create("https://mcp.example.com/mcp"))
            .authorizationServer(ISSUER)
            .scopesSupported("a")
            .requiredScopes("b")
            .build();

    assertThat(new String(server.metadataDocument(), StandardCharsets.UTF_8))
        .contains("\"scopes_supported\":[\"a\",\"b\"]");
  }

  @Test
  void badSettingsAreRefusedNamingTheOption() {
    ResourceServer.Builder builder = ResourceServer.builder();

    assertThatThrownBy(() -> builder.resource(URI.create("/mcp"))).hasMessageContaining("resource");
    assertThatThrownBy(() -> builder.resource(URI.create("https://x.example/mcp#frag")))
        .hasMessageContaining("fragment");
    assertThatThrownBy(() -> builder.authorizationServer(URI.create("ftp://auth.example")))
        .hasMessageContaining("authorizationServer");
    assertThatThrownBy(() -> builder.algorithms("none")).hasMessageContaining("none");
    assertThatThrownBy(() -> builder.algorithms()).hasMessageContaining("algorithms");
    assertThatThrownBy(() -> builder.requiredScopes("two words")).hasMessageContaining("scope");
    assertThatThrownBy(() -> builder.clockSkew(Duration.ofHours(1)))
        .hasMessageContaining("clockSkew");
    assertThatThrownBy(builder::build).hasMessageContaining("resource and authorizationServer");
    assertThatThrownBy(
            () ->
                ResourceServer.builder()
                    .resource(URI.create("https://x.example/mcp"))
                    .authorizationServer(ISSUER)
                    .keyCacheTtl(Duration.ofSeconds(10))
                    .keyRefreshMinInterval(Duration.ofSeconds(10))
                    .build())
        .hasMessageContaining("keyCacheTtl");
  }
}
