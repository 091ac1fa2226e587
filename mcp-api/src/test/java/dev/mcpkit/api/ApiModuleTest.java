package dev.mcpkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiModuleTest {

  @Test
  void exportsExactlyTheApiPackages() {
    Module module = Session.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();

    assertThat(descriptor.name()).isEqualTo("dev.mcpkit.api");
    assertThat(
            descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "dev.mcpkit.api",
            "dev.mcpkit.api.client",
            "dev.mcpkit.api.jsonrpc",
            "dev.mcpkit.api.server",
            "dev.mcpkit.api.spi",
            "dev.mcpkit.api.spi.transport");
    assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
    assertThat(descriptor.opens()).isEmpty();
  }
}
