package dev.mcpkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleExportsTest {

  @Test
  void exportsOnlyTheAnnotationsAndProvidesTheService() {
    Module module = McpTool.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("dev.mcpkit.tools");
    assertThat(
            descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()))
        .containsExactly("dev.mcpkit.tools");
    assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(p -> assertThat(p.service()).isEqualTo("dev.mcpkit.api.spi.TypedDefinitions"));
  }
}
