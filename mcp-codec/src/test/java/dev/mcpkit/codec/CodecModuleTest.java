package dev.mcpkit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodecModuleTest {

  @Test
  void exportsOnlyTheEntryPackageAndOnlyToOurModules() {
    Module module = JsonRpcCodecs.class.getModule();
    assertThat(module.isNamed()).as("tests run on the module path").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();

    assertThat(descriptor.name()).isEqualTo("dev.mcpkit.codec");
    Map<String, Set<String>> exports =
        descriptor.exports().stream()
            .collect(
                Collectors.toMap(
                    ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
    assertThat(exports)
        .containsExactly(
            Map.entry(
                "dev.mcpkit.codec",
                Set.of(
                    "dev.mcpkit.session",
                    "dev.mcpkit.transport.jetty",
                    "dev.mcpkit.transport.stdio",
                    "dev.mcpkit.benchmarks")));
    assertThat(descriptor.opens()).isEmpty();
  }
}
