package dev.mcpkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The benchmarks module is a named module that exports nothing. */
class ModuleExportsTest {

  @Test
  void exportsNothing() {
    Module module = SessionTable.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    assertThat(module.getName()).isEqualTo("dev.mcpkit.benchmarks");
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.exports()).isEmpty();
  }
}
