package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The module exports exactly its entry package; the handler and its helpers stay internal. */
class ModuleExportsTest {
  @Test
  void exportsOnlyTheEntryPackage() {
    Module module = McpHttpServer.class.getModule();
    assertThat(module.isNamed()).isTrue();

    assertThat(module.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.mcpkit.transport.jetty");
    assertThat(module.getDescriptor().exports()).allMatch(exports -> !exports.isQualified());
  }
}
