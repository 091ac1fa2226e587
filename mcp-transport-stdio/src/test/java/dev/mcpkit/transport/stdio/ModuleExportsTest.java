package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module exports exactly its entry package; the loop and the connection stay internal. */
class ModuleExportsTest {
  @Test
  void exportsOnlyTheEntryPackage() {
    Module module = McpStdioServer.class.getModule();
    assertThat(module.isNamed()).isTrue();

    assertThat(module.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.mcpkit.transport.stdio");
    assertThat(module.getDescriptor().exports()).allMatch(exports -> !exports.isQualified());
  }
}
