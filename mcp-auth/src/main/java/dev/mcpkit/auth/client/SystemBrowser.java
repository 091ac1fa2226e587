package dev.mcpkit.auth.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an address in the desktop's default browser with the platform's own command ({@code open}
 * on macOS, {@code rundll32 url.dll,FileProtocolHandler} on Windows, {@code xdg-open} elsewhere),
 * the address passed as one argument, never through a shell. Avoids {@code java.awt.Desktop}, whose
 * module ({@code java.desktop}) a headless server would otherwise carry. When the command cannot be
 * started, the address is printed on standard error for a person to open.
 */
final class SystemBrowser {
  private static final Logger LOG = LoggerFactory.getLogger(SystemBrowser.class);

  private SystemBrowser() {}

  static void open(URI address) {
    List<String> command = command(System.getProperty("os.name", ""), address.toString());
    try {
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      LOG.debug("cannot start {}: {}", command.getFirst(), e.getMessage());
      System.err.println("Open this address in a browser to authorize: " + address);
    }
  }

  /** The command that opens {@code address} on the named operating system. */
  static List<String> command(String osName, String address) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler", address);
    }
    if (os.startsWith("mac")) {
      return List.of("open", address);
    }
    return List.of("xdg-open", address);
  }
}
