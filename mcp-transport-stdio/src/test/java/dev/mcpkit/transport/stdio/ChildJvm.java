package dev.mcpkit.transport.stdio;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM that runs a test class's {@code main} on this test's paths. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * The command for a main class; the module path and class path of this JVM both become the
   * child's class path, where the engine reads the codec without qualified exports.
   */
  static List<String> command(Class<?> main) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        path.add(value);
      }
    }
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-cp",
        String.join(File.pathSeparator, path),
        main.getName());
  }
}
