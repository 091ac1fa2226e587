package dev.mcpkit.gateway.internal.tape;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Compares two JSON values and reports where they differ, ignoring what changes from run to run:
 * every {@code _meta} member, two strings that are both ISO-8601 date-times, a value recorded
 * redacted, and the configured paths (dot-separated, {@code *} for any member or element, as for
 * redaction). Stateless.
 */
public final class JsonDiff {
  /** Differences reported per value, at most. */
  static final int MAX_DIFFERENCES = 20;

  private final List<String[]> ignored;

  /**
   * @param ignoredPaths paths into the compared value to skip, e.g. {@code content.*.text}
   */
  public JsonDiff(List<String> ignoredPaths) {
    this.ignored = ignoredPaths.stream().map(p -> p.split("\\.")).toList();
  }

  /**
   * Compares.
   *
   * @param recorded the recorded value
   * @param live the live one
   * @param difference told each difference: its path ({@code /content/0/text}, {@code /} for the
   *     root) and a short description
   */
  public void compare(JsonNode recorded, JsonNode live, BiConsumer<String, String> difference) {
    int[] count = {0};
    walk(
        recorded,
        live,
        "",
        List.of(),
        (path, what) -> {
          if (count[0]++ < MAX_DIFFERENCES) {
            difference.accept(path.isEmpty() ? "/" : path, what);
          }
        });
  }

  private void walk(
      JsonNode recorded,
      JsonNode live,
      String pointer,
      List<String> steps,
      BiConsumer<String, String> difference) {
    if (isIgnored(steps)) {
      return;
    }
    if (recorded.isObject() && live.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      recorded.propertyNames().forEach(names::add);
      live.propertyNames().forEach(names::add);
      for (String name : names) {
        if (name.equals("_meta")) {
          continue;
        }
        JsonNode a = recorded.get(name);
        JsonNode b = live.get(name);
        String at = pointer + "/" + name;
        List<String> next = append(steps, name);
        if (isIgnored(next)) {
          continue;
        }
        if (a == null) {
          difference.accept(at, "only live: " + brief(b));
        } else if (b == null) {
          difference.accept(at, "only recorded: " + brief(a));
        } else {
          walk(a, b, at, next, difference);
        }
      }
      return;
    }
    if (recorded.isArray() && live.isArray()) {
      int common = Math.min(recorded.size(), live.size());
      for (int i = 0; i < common; i++) {
        walk(
            recorded.get(i),
            live.get(i),
            pointer + "/" + i,
            append(steps, Integer.toString(i)),
            difference);
      }
      if (recorded.size() != live.size()) {
        difference.accept(
            pointer, "recorded " + recorded.size() + " elements, live " + live.size());
      }
      return;
    }
    if (recorded.isString() && live.isString() && isTime(recorded) && isTime(live)) {
      return;
    }
    if (recorded.isString() && Redactor.REDACTED.equals(recorded.asString())) {
      return; // the tape never held the secret to compare with
    }
    if (recorded.isNumber() && live.isNumber()
        ? recorded.decimalValue().compareTo(live.decimalValue()) != 0
        : !recorded.equals(live)) {
      difference.accept(pointer, "recorded " + brief(recorded) + ", live " + brief(live));
    }
  }

  private static List<String> append(List<String> steps, String step) {
    String[] next = steps.toArray(new String[steps.size() + 1]);
    next[steps.size()] = step;
    return List.of(next);
  }

  private boolean isIgnored(List<String> steps) {
    for (String[] path : ignored) {
      if (path.length == steps.size()) {
        boolean match = true;
        for (int i = 0; i < path.length && match; i++) {
          match = path[i].equals("*") || path[i].equals(steps.get(i));
        }
        if (match) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isTime(JsonNode node) {
    String text = node.asString();
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
      return false;
    }
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A value shortened for a report line. */
  static String brief(JsonNode node) {
    String text = node.toString();
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
