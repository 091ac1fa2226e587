package dev.mcpkit.codec.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Seeded generators of structured but hostile JSON-RPC bodies: envelopes whose members have the
 * right or the wrong types ({@code id} as an object, a float or a number beyond a {@code long};
 * {@code method} as a number; {@code params} as an array), in any order, with unknown members,
 * duplicate keys, strings of any UTF-16 (lone surrogates as escapes), numbers huge and tiny, nested
 * values; batches of them; and each generated value keeps what a JSON-RPC 2.0 reader must conclude
 * from it, so that the fuzz tests can state the expected answer rather than only "no exception".
 */
final class HostileJson {
  private HostileJson() {}

  /** The JSON type of a generated value, as far as a JSON-RPC reader cares. */
  enum Shape {
    STRING,
    INTEGER, // fits a long
    BIG_INTEGER, // an integer beyond a long, of at most 99 digits: within the number limit
    DECIMAL,
    BOOLEAN,
    NULL,
    OBJECT,
    ARRAY
  }

  /**
   * A JSON value as text.
   *
   * @param text the decoded string, for {@link Shape#STRING}
   * @param number the integer, for {@link Shape#INTEGER}
   * @param validError for an object: whether it is a valid JSON-RPC error object (an integer code
   *     that fits an int and a string message)
   */
  record Value(
      Shape shape, String json, @Nullable String text, @Nullable Long number, boolean validError) {
    @Override
    public String toString() {
      return json.length() <= 200 ? json : json.substring(0, 200) + "...";
    }
  }

  /** One member of an object, in the order it is written. */
  record Member(String name, Value value) {
    String json() {
      return quote(name) + ":" + value.json();
    }
  }

  /** An object's members as a JSON object. */
  static String object(List<Member> members) {
    return members.stream().map(Member::json).collect(Collectors.joining(",", "{", "}"));
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** One of {@code values}. */
  @SafeVarargs
  static <T> T pick(RandomGenerator random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** True about once in {@code n} draws. */
  static boolean oneIn(RandomGenerator random, int n) {
    return random.nextInt(n) == 0;
  }

  /** Up to {@code max} values of {@code element}. */
  static <T> List<T> listOf(RandomGenerator random, int max, Function<RandomGenerator, T> element) {
    int size = random.nextInt(max + 1);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(random));
    }
    return list;
  }

  /** A string of up to {@code max} chars drawn from {@code from} to {@code to}, inclusive. */
  static String chars(RandomGenerator random, int max, char from, char to) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(max + 1); n > 0; n--) {
      text.append((char) random.nextInt(from, to + 1));
    }
    return text.toString();
  }

  static String alpha(RandomGenerator random, int min, int max) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(min, max + 1); n > 0; n--) {
      char c = (char) random.nextInt('a', 'z' + 1);
      text.append(random.nextBoolean() ? c : Character.toUpperCase(c));
    }
    return text.toString();
  }

  /** Strings of any UTF-16: controls, quotes, backslashes, non-ASCII, lone surrogates, long. */
  static String anyText(RandomGenerator random) {
    int roll = random.nextInt(8);
    if (roll < 6) {
      return wellFormedText(random);
    }
    return roll == 6
        ? chars(random, 3, '\ud800', '\udfff')
        : "long ".repeat(random.nextInt(200, 4_001));
  }

  /**
   * Short strings of well-formed UTF-16 (surrogates only in pairs). Member names are drawn from
   * these: Jackson refuses a lone surrogate in a name as a parse error, and a name longer than
   * {@link JsonLimits#MAX_NAME_LENGTH} characters is over a limit.
   */
  static String wellFormedText(RandomGenerator random) {
    return switch (random.nextInt(4)) {
      case 0 -> alpha(random, 0, 12);
      case 1 -> {
        String any = chars(random, 12, '\u0000', '\uffff');
        yield wellFormed(any) ? any : alpha(random, 0, 12);
      }
      case 2 -> {
        StringBuilder odd = new StringBuilder();
        for (int n = random.nextInt(7); n > 0; n--) {
          odd.append(pick(random, '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\0', '\u001f'));
          odd.append(pick(random, "", "\u007f", "\u2028"));
        }
        yield odd.toString();
      }
      default -> pick(random, "\ud83d\ude00", "\u00e9", "\uffff", "\ufeff"); // a pair, oddities
    };
  }

  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A JSON string literal for any text: escapes what must be, lone surrogates included. */
  static String quote(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  static Value string(String text) {
    return new Value(Shape.STRING, quote(text), text, null, false);
  }

  static Value strings(RandomGenerator random) {
    return string(anyText(random));
  }

  static Value integer(long n) {
    return new Value(Shape.INTEGER, Long.toString(n), null, n, false);
  }

  static Value integers(RandomGenerator random) {
    return integer(
        switch (random.nextInt(4)) {
          case 0 -> random.nextLong();
          case 1 -> random.nextInt();
          case 2 -> pick(random, 0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE);
          default -> random.nextInt(-1_000, 1_000);
        });
  }

  static Value bigIntegers(RandomGenerator random) {
    BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
    // Beyond a long and of at most 97 digits: up to 319 random bits above it.
    BigInteger n = beyond.add(new BigInteger(random.nextInt(1, 320), asRandom(random)));
    String digits = (random.nextBoolean() ? n.negate().subtract(BigInteger.ONE) : n).toString();
    return new Value(Shape.BIG_INTEGER, digits, null, null, false);
  }

  static Value decimals(RandomGenerator random) {
    String d;
    if (random.nextBoolean()) {
      double x = Double.longBitsToDouble(random.nextLong());
      d = Double.isFinite(x) ? Double.toString(x) : "1.5";
    } else {
      d = pick(random, "1.0", "-0.0", "0e0", "1E400", "-1e-400", "4.9e-324", "1.5E+300");
    }
    return new Value(Shape.DECIMAL, d, null, null, false);
  }

  static Value scalars(RandomGenerator random) {
    return switch (random.nextInt(6)) {
      case 0 -> strings(random);
      case 1 -> integers(random);
      case 2 -> bigIntegers(random);
      case 3 -> decimals(random);
      case 4 -> {
        String b = Boolean.toString(random.nextBoolean());
        yield new Value(Shape.BOOLEAN, b, null, null, false);
      }
      default -> new Value(Shape.NULL, "null", null, null, false);
    };
  }

  /** Any JSON value, nested up to four levels: objects may repeat their keys. */
  static Value values(RandomGenerator random) {
    return nested(random, 4);
  }

  private static Value nested(RandomGenerator random, int depth) {
    if (depth == 0 || random.nextInt(3) != 0) {
      return scalars(random);
    }
    if (random.nextBoolean()) {
      List<Value> items = listOf(random, 4, r -> nested(r, depth - 1));
      String json = items.stream().map(Value::json).collect(Collectors.joining(",", "[", "]"));
      return new Value(Shape.ARRAY, json, null, null, false);
    }
    return objectOf(random, r -> nested(r, depth - 1));
  }

  /** Member names: the envelope's own, none at all, odd, non-ASCII or long. */
  static String names(RandomGenerator random) {
    return switch (random.nextInt(5)) {
      case 0, 1, 2 -> alpha(random, 1, 8);
      case 3 -> pick(random, "jsonrpc", "method", "id", "params", "result", "error", "");
      default -> wellFormedText(random);
    };
  }

  /** JSON objects whose members are any values, nested up to a few levels. */
  static Value objects(RandomGenerator random) {
    return objectOf(random, r -> nested(r, 3));
  }

  private static Value objectOf(RandomGenerator random, Function<RandomGenerator, Value> inner) {
    List<Member> members = listOf(random, 4, r -> new Member(names(r), inner.apply(r)));
    return new Value(Shape.OBJECT, object(members), null, null, false);
  }

  /** Error members: valid error objects, objects with a wrong code or message, other values. */
  static Value errors(RandomGenerator random) {
    Value code =
        oneIn(random, 10)
            ? null
            : switch (random.nextInt(6)) {
              case 0 -> integers(random);
              case 1 -> scalars(random);
              default -> integer(random.nextInt());
            };
    Value message = oneIn(random, 10) ? null : strings(random);
    Value data = oneIn(random, 5) ? null : scalars(random);
    List<Member> members = new ArrayList<>();
    add(members, "code", code);
    add(members, "message", message);
    add(members, "data", data);
    boolean valid =
        code != null
            && code.number() != null
            && code.number() == code.number().intValue()
            && message != null;
    return new Value(Shape.OBJECT, object(members), null, null, valid);
  }

  /** A value of {@code right} mostly, of any shape sometimes, or absent ({@code null}). */
  private static @Nullable Value member(
      RandomGenerator random, double absent, Function<RandomGenerator, Value> right, int anyIn) {
    if (random.nextDouble() < absent) {
      return null;
    }
    return oneIn(random, anyIn) ? values(random) : right.apply(random);
  }

  /**
   * Envelopes: each JSON-RPC member present or not, of the right type mostly and of any type
   * sometimes, plus unknown members, in any order. Names are unique; {@link #withDuplicates}
   * repeats some.
   */
  static List<Member> envelopes(RandomGenerator random) {
    Value jsonrpc =
        member(
            random,
            0.05,
            r -> oneIn(r, 9) ? string(pick(r, "1.0", "2.00", "2", " 2.0", "")) : string("2.0"),
            10);
    Value method =
        member(
            random,
            0.3,
            r ->
                r.nextInt(3) < 2
                    ? string(
                        pick(r, "initialize", "tools/call", "ping", "notifications/initialized"))
                    : strings(r),
            7);
    Value id = member(random, 0.3, r -> r.nextInt(7) < 4 ? integers(r) : strings(r), 5);
    Value params = member(random, 0.4, HostileJson::objects, 5);
    Value result = member(random, 0.8, HostileJson::objects, 4);
    Value error = member(random, 0.8, HostileJson::errors, 4);
    List<Member> members = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int n = random.nextInt(3); n > 0; n--) {
      String name = "x-" + alpha(random, 1, 6);
      if (!unknown.contains(name)) {
        unknown.add(name);
        members.add(new Member(name, values(random)));
      }
    }
    add(members, "jsonrpc", jsonrpc);
    add(members, "method", method);
    add(members, "id", id);
    add(members, "params", params);
    add(members, "result", result);
    add(members, "error", error);
    Collections.shuffle(members, asRandom(random));
    return members;
  }

  private static void add(List<Member> members, String name, @Nullable Value value) {
    if (value != null) {
      members.add(new Member(name, value));
    }
  }

  /**
   * An envelope with some of its members written earlier a second time, with other values: what
   * {@code JSON.parse} reads as the last one.
   */
  static List<Member> withDuplicates(RandomGenerator random) {
    List<Member> members = envelopes(random);
    while (members.isEmpty()) {
      members = envelopes(random);
    }
    List<Member> out = new ArrayList<>();
    for (int k = random.nextInt(1, 4); k > 0; k--) {
      out.add(new Member(members.get(random.nextInt(members.size())).name(), values(random)));
    }
    out.addAll(members); // the originals come last and win
    return out;
  }

  /** A {@link java.util.Random} drawing from {@code random}, for the JDK methods that take one. */
  static java.util.Random asRandom(RandomGenerator random) {
    return new java.util.Random(random.nextLong());
  }

  /** Every list with one element of {@code list} removed: the candidates that shrink it. */
  static <T> List<List<T>> withoutOne(List<T> list) {
    List<List<T>> smaller = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      List<T> copy = new ArrayList<>(list);
      copy.remove(i);
      smaller.add(copy);
    }
    return smaller;
  }
}
