package dev.mcpkit.transport.jetty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Seeded generators of hostile HTTP requests to the MCP endpoint: methods (the specification's,
 * other real ones, made-up tokens), header values right, wrong and garbled, and bodies that are
 * JSON-RPC messages with wrong types, batches, deep nesting, long numbers and strings, then damaged
 * byte by byte (invalid UTF-8 among the damage).
 */
final class HostileRequests {
  private HostileRequests() {}

  /** A request as it goes on the wire, but for the session id the test fills in. */
  record Request(
      String method,
      List<String> headers, // "Name: value" lines
      SessionId session,
      byte[] body) {
    @Override
    public String toString() {
      return method + " " + headers + " " + session + " " + show(body);
    }

    /** Candidates that shrink a failing request: fewer headers, no session, shorter bodies. */
    List<Request> smaller() {
      List<Request> smaller = new ArrayList<>();
      if (!method.equals("POST")) {
        smaller.add(new Request("POST", headers, session, body));
      }
      for (int i = 0; i < headers.size(); i++) {
        List<String> fewer = new ArrayList<>(headers);
        fewer.remove(i);
        smaller.add(new Request(method, fewer, session, body));
      }
      if (session != SessionId.NONE) {
        smaller.add(new Request(method, headers, SessionId.NONE, body));
      }
      for (int run = body.length / 2; run >= 1 && smaller.size() < 60; run /= 2) {
        for (int at = 0; at + run <= body.length && smaller.size() < 60; at += run) {
          byte[] out = new byte[body.length - run];
          System.arraycopy(body, 0, out, 0, at);
          System.arraycopy(body, at + run, out, at, body.length - at - run);
          smaller.add(new Request(method, headers, session, out));
        }
      }
      return smaller;
    }
  }

  /** Which session the request names. */
  enum SessionId {
    LIVE,
    UNKNOWN,
    GARBLED,
    NONE
  }

  @SafeVarargs
  private static <T> T pick(RandomGenerator random, T... values) {
    return values[random.nextInt(values.length)];
  }

  private static String chars(RandomGenerator random, int min, int max, char from, char to) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(min, max + 1); n > 0; n--) {
      text.append((char) random.nextInt(from, to + 1));
    }
    return text.toString();
  }

  static String methods(RandomGenerator random) {
    return switch (random.nextInt(10)) {
      case 0 -> pick(random, "GET", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "TRACE");
      case 1 -> chars(random, 1, 12, 'A', 'Z');
      default -> "POST";
    };
  }

  private static String garbage(RandomGenerator random) {
    // Printable ASCII and tabs: what a header value may carry on the wire, however wrong.
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(41); n > 0; n--) {
      text.append(random.nextInt(20) == 0 ? '\t' : (char) random.nextInt(' ', '~' + 1));
    }
    return text.toString();
  }

  /** A value right six times in nine, one of {@code others} twice, garbage once. */
  private static String value(RandomGenerator random, String right, String... others) {
    int roll = random.nextInt(9);
    return roll < 6 ? right : roll < 8 ? pick(random, others) : garbage(random);
  }

  static List<String> headers(RandomGenerator random) {
    List<String> lines = new ArrayList<>();
    add(
        lines,
        "Content-Type",
        value(
            random,
            "application/json",
            "application/json; charset=utf-8",
            "application/json; charset=latin1",
            "text/plain",
            "application/json-seq",
            "*/*",
            ""));
    add(
        lines,
        "Accept",
        value(
            random,
            McpTestClient.BOTH,
            "application/json",
            "text/event-stream",
            "*/*",
            "text/html",
            ""));
    add(
        lines,
        "MCP-Protocol-Version",
        value(random, "2025-11-25", "2025-06-18", "2025-03-26", "2026-07-28", "1999-01-01", ""));
    int origin = random.nextInt(8);
    add(
        lines,
        "Origin",
        origin < 6
            ? ""
            : origin == 6
                ? pick(random, "http://localhost", "http://evil.example", "null")
                : garbage(random));
    if (random.nextInt(10) < 3) {
      StringBuilder name = new StringBuilder("X-");
      for (int n = random.nextInt(1, 21); n > 0; n--) {
        name.append(random.nextInt(27) == 0 ? '-' : (char) random.nextInt('a', 'z' + 1));
      }
      lines.add(name + ": " + garbage(random));
    }
    return lines;
  }

  private static void add(List<String> lines, String name, String value) {
    if (!value.isEmpty()) {
      lines.add(name + ": " + value);
    }
  }

  static SessionId sessions(RandomGenerator random) {
    int roll = random.nextInt(10);
    return roll < 6
        ? SessionId.LIVE
        : roll == 6 ? SessionId.UNKNOWN : roll == 7 ? SessionId.GARBLED : SessionId.NONE;
  }

  /** A JSON value of a type no JSON-RPC member expects, or a hostile one. */
  private static String wrongValue(RandomGenerator random) {
    return switch (random.nextInt(8)) {
      case 0 ->
          pick(
              random,
              "{}",
              "[]",
              "[1]",
              "true",
              "null",
              "1.5",
              "-0",
              "1E400",
              "\"\"",
              "{\"a\":{\"b\":[]}}");
      case 1 -> Long.toString(random.nextLong());
      case 2 -> "9".repeat(random.nextInt(20, 100)); // beyond a long
      case 3 -> "9".repeat(random.nextInt(101, 2_001)); // beyond the number limit
      case 4 -> nesting(random.nextInt(1, 201));
      case 5 -> nesting(random.nextInt(127, 601));
      case 6 -> "\"" + "s".repeat(random.nextInt(1, 40_001)) + "\"";
      default -> quote(chars(random, 0, 10, '\u0000', '\uffff'));
    };
  }

  private static String nesting(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** A JSON-RPC message, with some of its members replaced by wrong values. */
  private static String message(RandomGenerator random) {
    List<String> members = new ArrayList<>();
    if (random.nextInt(20) != 0) {
      members.add("\"jsonrpc\":" + (random.nextInt(9) < 8 ? "\"2.0\"" : wrongValue(random)));
    }
    if (random.nextInt(10) >= 3) {
      members.add(
          "\"id\":"
              + (random.nextBoolean() ? Integer.toString(random.nextInt()) : wrongValue(random)));
    }
    if (random.nextInt(20) != 0) {
      members.add(
          "\"method\":"
              + switch (random.nextInt(3)) {
                case 0 ->
                    pick(random, "\"tools/call\"", "\"ping\"", "\"tools/list\"", "\"initialize\"");
                case 1 -> pick(random, "\"notifications/initialized\"", "\"no/such\"", "\"\"");
                default -> wrongValue(random);
              });
    }
    if (random.nextInt(5) != 0) {
      String tool = pick(random, "echo", "inline-echo", "progress", "fail", "none");
      members.add(
          "\"params\":"
              + (random.nextBoolean()
                  ? "{\"name\":\""
                      + tool
                      + "\",\"arguments\":{\"message\":"
                      + wrongValue(random)
                      + "}}"
                  : wrongValue(random)));
    }
    if (random.nextBoolean() && !members.isEmpty()) {
      members.add(members.getFirst()); // a repeated key
    }
    return "{" + String.join(",", members) + "}";
  }

  private static final List<byte[]> INSERTS =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xc0, (byte) 0xaf},
          new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          new byte[] {(byte) 0xff},
          new byte[] {0},
          utf8("["),
          utf8("]"),
          utf8("{"),
          utf8("}"),
          utf8(","),
          utf8("\""),
          utf8("\\"),
          utf8("\\ud800"),
          utf8(":"));

  /** Bodies: messages, batches of them, then damaged at random (or not). */
  static byte[] bodies(RandomGenerator random) {
    int roll = random.nextInt(9);
    String json;
    if (roll < 5) {
      json = message(random);
    } else if (roll == 5) {
      List<String> batch = new ArrayList<>();
      for (int n = random.nextInt(5); n > 0; n--) {
        batch.add(message(random));
      }
      json = "[" + String.join(",", batch) + "]";
    } else {
      String text = chars(random, 0, 20, '\u0000', '\uffff');
      json = McpTestClient.call(7, "echo", "{\"message\":" + quote(text) + "}");
    }
    byte[] bytes = utf8(json);
    if (random.nextInt(3) == 0) {
      for (int n = random.nextInt(1, 3); n > 0; n--) {
        bytes = damage(random, bytes);
      }
    }
    return bytes;
  }

  /** One damage to a body: a flipped byte, a cut, or bytes inserted, at a random position. */
  private static byte[] damage(RandomGenerator random, byte[] bytes) {
    int at = random.nextInt(bytes.length + 1);
    return switch (random.nextInt(3)) {
      case 0 -> {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
          copy[Math.min(at, copy.length - 1)] ^= (byte) 0x5a;
        }
        yield copy;
      }
      case 1 -> Arrays.copyOf(bytes, at);
      default -> {
        byte[] insert;
        if (random.nextInt(3) == 0) {
          insert = new byte[random.nextInt(7)];
          random.nextBytes(insert);
        } else {
          insert = INSERTS.get(random.nextInt(INSERTS.size()));
        }
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        yield out;
      }
    };
  }

  /** The headers a client gets right, so that half the bodies reach the engine. */
  private static final List<String> RIGHT_HEADERS =
      List.of(
          "Content-Type: application/json",
          "Accept: " + McpTestClient.BOTH,
          "MCP-Protocol-Version: 2025-11-25");

  static Request requests(RandomGenerator random) {
    return new Request(
        methods(random),
        random.nextBoolean() ? RIGHT_HEADERS : headers(random),
        sessions(random),
        bodies(random));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /** A body as escaped text: printable ASCII as is, any other byte as {@code \xNN}. */
  static String show(byte[] body) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(body.length, 300); i++) {
      int b = body[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    return body.length <= 300 ? text.toString() : text + "... (" + body.length + " bytes)";
  }
}
