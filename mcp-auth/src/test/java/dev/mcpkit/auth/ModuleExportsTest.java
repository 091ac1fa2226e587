package dev.mcpkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleExportsTest {

  @Test
  void exportsOnlyItsPublicPackages() {
    Module module = TokenPrincipal.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("dev.mcpkit.auth");
    assertThat(
            descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "dev.mcpkit.auth", "dev.mcpkit.auth.server", "dev.mcpkit.auth.client");
    assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void aPrincipalIsNamedByItsSubjectAndChecksScopes() {
    TokenPrincipal principal =
        new TokenPrincipal(
            "alice", "client-1", java.util.Set.of("mcp:read", "mcp:write"), java.util.Map.of());
    assertThat(principal.getName()).isEqualTo("alice");
    assertThat(principal.hasScopes(java.util.Set.of("mcp:read"))).isTrue();
    assertThat(principal.hasScopes(java.util.Set.of("mcp:admin"))).isFalse();
  }
}
