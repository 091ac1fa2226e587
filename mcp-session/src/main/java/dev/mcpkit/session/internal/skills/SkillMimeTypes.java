package dev.mcpkit.session.internal.skills;

import java.util.Locale;
import java.util.Map;

/** The MIME type a skill file is served with, from its extension. Stateless. */
final class SkillMimeTypes {
  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("md", "text/markdown"),
          Map.entry("txt", "text/plain"),
          Map.entry("json", "application/json"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("py", "text/x-python"),
          Map.entry("sh", "text/x-shellscript"),
          Map.entry("js", "text/javascript"),
          Map.entry("html", "text/html"),
          Map.entry("csv", "text/csv"),
          Map.entry("xml", "application/xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"));

  private SkillMimeTypes() {}

  /**
   * The MIME type of a file.
   *
   * @param path the file's path
   * @param text whether its bytes are UTF-8 text (decides the fallback)
   */
  static String of(String path, boolean text) {
    int dot = path.lastIndexOf('.');
    String known =
        dot < 0 ? null : BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    return text ? "text/plain" : "application/octet-stream";
  }
}
