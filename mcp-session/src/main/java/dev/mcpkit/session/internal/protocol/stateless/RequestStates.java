package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mints and verifies the {@code requestState} of multi round-trip requests (revision 2026-07-28).
 * The state passes through the client, so the specification makes it attacker-controlled input that
 * the server must integrity-protect. Here it is {@code base64url(payload) "." base64url(mac)} with
 * the MAC an HMAC-SHA256 under a per-server secret key, and the payload binds what the
 * specification recommends against replay:
 *
 * <ul>
 *   <li>the method and a SHA-256 digest of the request's salient parameters (the name or URI and
 *       the arguments, in a canonical key order), so state minted for one call is refused on
 *       another;
 *   <li>the authenticated principal's name, so one user's state is refused for another;
 *   <li>an expiry, so old state is refused;
 *   <li>the answers the client gave in earlier rounds, which the retried handler reads again.
 * </ul>
 *
 * The payload is signed, not encrypted: it holds only what the client sent or may see.
 *
 * <p>Optionally the answers stay on the server: with a {@link SessionManager} for handles, minting
 * creates a short-lived handle there (its idle timeout is the state's second expiry; a {@code
 * SessionStore} shares it between nodes) and the signed payload names the handle instead of
 * carrying the answers. Verifying consumes the handle: closing a session is a compare-and-set that
 * succeeds once, so a state is accepted at most once, which a self-contained state cannot promise.
 * When the manager admits no more handles, the self-contained form is used.
 *
 * <p>Thread-safe: the key is immutable, each call creates its own {@link Mac}, and the handle
 * manager is thread-safe.
 */
public final class RequestStates {
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int VERSION = 1;

  private static final dev.mcpkit.api.AttributeKey<String> ANSWERS =
      dev.mcpkit.api.AttributeKey.of("mcp.mrtr.answers", String.class);

  private final SecretKeySpec key;
  private final Duration lifetime;
  private final InstantSource clock;
  private final dev.mcpkit.api.@Nullable SessionManager handles;

  /**
   * @param secret the HMAC key; at least 32 bytes
   * @param lifetime how long minted state stays valid
   * @param clock the time source for expiry
   */
  public RequestStates(byte[] secret, Duration lifetime, InstantSource clock) {
    this(secret, lifetime, clock, null);
  }

  /**
   * @param secret the HMAC key; at least 32 bytes
   * @param lifetime how long minted state stays valid
   * @param clock the time source for expiry
   * @param handles where to keep the answers as single-use handles, or {@code null} to carry them
   *     in the state itself
   */
  public RequestStates(
      byte[] secret,
      Duration lifetime,
      InstantSource clock,
      dev.mcpkit.api.@Nullable SessionManager handles) {
    this.handles = handles;
    requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "the requestState key needs at least 32 bytes, got " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.lifetime = requireNonNull(lifetime, "lifetime");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A key of 256 random bits from {@link SecureRandom}: state survives only this process. */
  /** Whether minting or verifying may block: only through a handle manager whose store does I/O. */
  InvocationType invocationType() {
    dev.mcpkit.api.SessionManager manager = handles;
    return manager == null ? InvocationType.NON_BLOCKING : manager.invocationType();
  }

  public static byte[] randomKey() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** What a verified state says: the answers of earlier rounds. */
  record Verified(ObjectNode answers) {}

  /**
   * Mints the state for the next round.
   *
   * @param binding the request it belongs to, from {@link #binding}
   * @param principal the authenticated principal's name, or {@code null}
   * @param answers the answers gathered so far, by input key
   * @return the opaque state string
   */
  String mint(String binding, @Nullable String principal, ObjectNode answers) {
    ObjectNode payload = JsonRpcCodecs.nodes().objectNode();
    payload.put("v", VERSION);
    payload.put("b", binding);
    if (principal != null) {
      payload.put("p", principal);
    }
    payload.put("e", clock.millis() + lifetime.toMillis());
    String handle = handle(answers);
    if (handle != null) {
      payload.put("h", handle);
    } else {
      payload.set("a", answers);
    }
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(mac(body));
  }

  /**
   * Verifies a state the client echoed.
   *
   * @param state the state
   * @param binding the request it must belong to
   * @param principal the authenticated principal's name, or {@code null}
   * @return the verified content
   * @throws ProtocolError {@code -32602} if the state is malformed, forged, expired or belongs to
   *     another request or principal
   */
  Verified verify(String state, String binding, @Nullable String principal) {
    int dot = state.indexOf('.');
    if (dot <= 0 || dot != state.lastIndexOf('.')) {
      throw invalid("malformed");
    }
    byte[] body;
    byte[] signature;
    try {
      body = DECODER.decode(state.substring(0, dot));
      signature = DECODER.decode(state.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid("malformed");
    }
    if (!MessageDigest.isEqual(mac(body), signature)) {
      throw invalid("integrity check failed");
    }
    JsonNode payload;
    try {
      payload = JsonRpcCodecs.mapper().readTree(body);
    } catch (JacksonException e) {
      throw invalid("malformed");
    }
    boolean handled = payload.path("h").isString();
    if (payload.path("v").asInt(-1) != VERSION || !(handled || payload.path("a").isObject())) {
      throw invalid("malformed");
    }
    if (!binding.equals(payload.path("b").asString(""))) {
      throw invalid("it belongs to another request");
    }
    JsonNode owner = payload.get("p");
    String ownerName = owner == null ? null : owner.asString();
    if (!java.util.Objects.equals(ownerName, principal)) {
      throw invalid("it belongs to another principal");
    }
    if (payload.path("e").asLong(0) < clock.millis()) {
      throw invalid("it expired");
    }
    return new Verified(
        handled ? consume(payload.get("h").stringValue()) : (ObjectNode) payload.get("a"));
  }

  /**
   * Keeps the answers in a new handle; {@code null} without a handle manager or when it is full.
   */
  private @Nullable String handle(ObjectNode answers) {
    if (handles == null) {
      return null;
    }
    try {
      dev.mcpkit.api.Session handle =
          handles.create(
              new dev.mcpkit.api.SessionInit(
                  dev.mcpkit.api.ProtocolVersion.V2026_07_28,
                  null,
                  JsonRpcCodecs.nodes().objectNode(),
                  null));
      // A handle has no handshake: established at once, so the handshake timeout never ends it.
      dev.mcpkit.session.internal.EngineSession.of(handle).activate();
      handle.putAttribute(ANSWERS, answers.toString());
      return handle.id().value();
    } catch (dev.mcpkit.api.SessionAdmissionException e) {
      return null;
    }
  }

  /** Reads and ends a handle: only the first verification of a state gets its answers. */
  private ObjectNode consume(String id) {
    dev.mcpkit.api.SessionManager manager = handles;
    if (manager == null || !dev.mcpkit.api.SessionId.isValid(id)) {
      throw invalid("it names no handle");
    }
    dev.mcpkit.api.Session handle = manager.touch(dev.mcpkit.api.SessionId.of(id));
    String answers = handle == null ? null : handle.attribute(ANSWERS).orElse(null);
    if (handle == null
        || answers == null
        || !manager.close(handle.id(), dev.mcpkit.api.CloseReason.CLIENT_REQUEST)) {
      throw invalid("it expired or was used already");
    }
    try {
      JsonNode node = JsonRpcCodecs.mapper().readTree(answers);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JacksonException e) {
      // falls through: a handle this class did not write
    }
    throw invalid("malformed");
  }

  /**
   * The binding of a request: its method and a digest of its salient parameters (everything but
   * {@code _meta}, {@code inputResponses} and {@code requestState}), independent of key order.
   */
  static String binding(String method, @Nullable JsonNode params) {
    StringBuilder canonical = new StringBuilder(method).append('\n');
    if (params != null && params.isObject()) {
      TreeMap<String, JsonNode> salient = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : params.properties()) {
        String name = entry.getKey();
        if (!name.equals("_meta")
            && !name.equals("inputResponses")
            && !name.equals("requestState")) {
          salient.put(name, entry.getValue());
        }
      }
      for (Map.Entry<String, JsonNode> entry : salient.entrySet()) {
        canonical.append(entry.getKey()).append('=');
        appendCanonical(canonical, entry.getValue());
        canonical.append('\n');
      }
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return method + ":" + ENCODER.encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static void appendCanonical(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        sorted.put(entry.getKey(), entry.getValue());
      }
      out.append('{');
      for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
        out.append(JsonRpcCodecs.nodes().stringNode(entry.getKey())).append(':');
        appendCanonical(out, entry.getValue());
        out.append(',');
      }
      out.append('}');
    } else if (node instanceof ArrayNode array) {
      out.append('[');
      for (JsonNode element : array) {
        appendCanonical(out, element);
        out.append(',');
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.append(node);
    }
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  private static ProtocolError invalid(String why) {
    return new ProtocolError(
        dev.mcpkit.api.jsonrpc.JsonRpcError.INVALID_PARAMS,
        "Invalid params: requestState rejected: " + why);
  }
}
