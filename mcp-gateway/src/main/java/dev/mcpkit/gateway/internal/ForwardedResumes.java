package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.SessionlessRequest;
import dev.mcpkit.api.spi.StoreUnavailableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries a sessionless client's retry to the gateway node that parked its call, and that node's
 * next outcome back, over the Redis the cluster shares ({@link ClusterStores#publish}). The node
 * holding an upstream call keeps it (it holds the upstream's open stream); only the client's answer
 * and the outcome travel.
 *
 * <p>Each node subscribes to one channel of its own, {@code gateway-node:<node>}, with a node id of
 * 128 random bits drawn at start; the {@code requestState} of a parked call names the node (the
 * engine signs it, so a client cannot point a retry at another node). A retry that reaches node B
 * for a call parked on node A:
 *
 * <ol>
 *   <li>B publishes {@code resume} (a reply id of 128 random bits, B's node id, the call, the key
 *       and the client's {@code inputResponses}) on A's channel. Redis answers how many subscribers
 *       got it: {@code 0} means A is gone (stopped, or died and Redis saw its connection close),
 *       and the client is told so at once (-32602, as for a call that is over).
 *   <li>A resumes the call on a virtual thread of its own, exactly as a local retry ({@link
 *       LocalParkedCalls#resume} decides, once), with a stand-in request whose progress, log
 *       messages and notifications are published to B and replayed on the client's stream there.
 *       While it runs, A publishes {@code alive} every {@code keepAlive}.
 *   <li>A publishes the outcome on B's channel: the result, a JSON-RPC error, or the next question
 *       ({@code inputRequests} and the continuation, which B has its own engine sign, so the next
 *       {@code requestState} names A again). B answers its client with it.
 * </ol>
 *
 * <p><b>Bounds.</b> B waits at most {@code silence} between two messages of A: a node that died
 * while it ran the call, or a reply lost (pub/sub is at-most-once, and a Redis outage loses what
 * was published meanwhile), ends in a JSON-RPC error (-32603) within that bound, never a hang. A
 * Redis that cannot be reached when B publishes is answered as the rest of the gateway answers it
 * (-32603, "Service Unavailable: ... retry later"); the call stays parked on A until its timeout,
 * so the client may retry.
 *
 * <p><b>At most once.</b> Only A holds the call, and {@link ParkedCalls#resume} hands it out once,
 * whether to a local retry, a forwarded one or the timer: a second forwarded retry for the same
 * state finds it over. A timer that fires while the forwarded {@code resume} is on its way wins and
 * the retry gets the "over" error; one that fires after the resume took the call finds nothing to
 * cancel. A client that goes away on B (its request interrupted) or a B that gave up publishes
 * {@code cancel}; A interrupts the resuming thread, which cancels the upstream call as a local
 * retry's client going away does.
 *
 * <p>Thread-safe: the maps are concurrent; messages arrive on the Redis dispatcher thread, which
 * only queues, starts or interrupts threads; one scheduler thread sends the keep-alives.
 */
final class ForwardedResumes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedResumes.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Resumes a call parked on this node for a retry (a local one, or one forwarded here). */
  @FunctionalInterface
  interface Resumer {
    ObjectNode resume(SessionlessRequest retry, String call, String key)
        throws InterruptedException;
  }

  /** A forwarded resume running here. */
  private record Running(Thread thread, String from) {}

  private final ClusterStores cluster;
  private final Resumer resumer;
  private final Duration silence;
  private final String node = randomId();
  private final Map<String, BlockingQueue<JsonNode>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("gateway-forwarded-resumes").factory());
  private volatile boolean closed; // set once by close(); read by each message, so volatile

  /**
   * Subscribes this node's channel.
   *
   * @param cluster the Redis the nodes share
   * @param resumer resumes a call parked here, for a retry forwarded here
   * @param keepAlive how often a node running a forwarded resume says it is still at it
   * @param silence how long a node waits for the next word of the node it forwarded to
   * @throws StoreUnavailableException if Redis cannot be reached now
   */
  ForwardedResumes(ClusterStores cluster, Resumer resumer, Duration keepAlive, Duration silence) {
    this.cluster = requireNonNull(cluster, "cluster");
    this.resumer = requireNonNull(resumer, "resumer");
    requireNonNull(keepAlive, "keepAlive");
    this.silence = requireNonNull(silence, "silence");
    if (silence.compareTo(keepAlive.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("silence must be at least twice keepAlive");
    }
    cluster.subscribe(channel(node), this::onMessage);
    long period = keepAlive.toNanos();
    timers.scheduleAtFixedRate(this::sendKeepAlives, period, period, TimeUnit.NANOSECONDS);
  }

  /** This node's id, which the continuations of the calls it parks carry. */
  String node() {
    return node;
  }

  private static String channel(String node) {
    return "gateway-node:" + node;
  }

  private static String randomId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ---- the node that got the retry ----------------------------------------------------------

  /**
   * Has the node that parked a call resume it with this retry, and answers with its outcome.
   *
   * @throws RequestErrorException when that node is gone, falls silent, or Redis cannot be reached
   */
  ObjectNode forward(SessionlessRequest retry, String target, String call, String key)
      throws InterruptedException {
    String reply = randomId();
    BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    waiting.put(reply, inbox);
    try {
      ObjectNode message = NODES.objectNode();
      message.put("k", "resume");
      message.put("r", reply);
      message.put("from", node);
      message.put("call", call);
      message.put("key", key);
      message.put("method", retry.method());
      message.set("responses", retry.inputResponses());
      switch (retry.context().requestId()) {
        case RequestId.Text text -> message.put("id", text.value());
        case RequestId.Number number -> message.put("id", number.value());
      }
      long heard;
      try {
        heard = cluster.publish(channel(target), message.toString());
      } catch (StoreUnavailableException e) {
        LOG.debug("forwarding a retry to node {}: Redis cannot be reached", target, e);
        throw unavailable();
      }
      if (heard == 0) {
        throw new RequestErrorException(
            JsonRpcError.of(
                JsonRpcError.INVALID_PARAMS,
                "Invalid params: requestState rejected: the gateway node that holds the call it"
                    + " continues is gone; start the request over"));
      }
      return awaitOutcome(retry, target, reply, inbox);
    } finally {
      waiting.remove(reply);
    }
  }

  private ObjectNode awaitOutcome(
      SessionlessRequest retry, String target, String reply, BlockingQueue<JsonNode> inbox)
      throws InterruptedException {
    while (true) {
      JsonNode message;
      try {
        message = inbox.poll(silence.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        cancel(target, reply); // the client went away: the call is cancelled there
        throw e;
      }
      if (message == null) {
        cancel(target, reply);
        throw new RequestErrorException(
            JsonRpcError.of(
                JsonRpcError.INTERNAL_ERROR,
                "the gateway node that holds the call stopped answering within "
                    + silence
                    + "; start the request over"));
      }
      switch (message.path("k").asString("")) {
        case "result" -> {
          return object(message, "result");
        }
        case "input" -> {
          return retry.inputRequired(
              object(message, "inputRequests"), object(message, "continuation"));
        }
        case "error" -> {
          JsonNode data = message.get("data");
          throw new RequestErrorException(
              new JsonRpcError(
                  message.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
                  message.path("message").asString("Internal error"),
                  data == null || data.isNull() ? null : data));
        }
        default -> ForwardedRetry.replay(message, retry); // or "alive": the node is there
      }
    }
  }

  private static ObjectNode object(JsonNode message, String name) {
    if (message.get(name) instanceof ObjectNode object) {
      return object;
    }
    throw new RequestErrorException(
        JsonRpcError.of(
            JsonRpcError.INTERNAL_ERROR,
            "the gateway node that holds the call answered no " + name));
  }

  private void cancel(String target, String reply) {
    ObjectNode message = NODES.objectNode();
    message.put("k", "cancel");
    message.put("r", reply);
    try {
      cluster.publish(channel(target), message.toString());
    } catch (StoreUnavailableException e) {
      LOG.debug("cancelling a forwarded resume on node {}: Redis cannot be reached", target, e);
    }
  }

  static RequestErrorException unavailable() {
    return new RequestErrorException(
        JsonRpcError.of(
            JsonRpcError.INTERNAL_ERROR,
            "Service Unavailable: the gateway's session store cannot be reached; retry later"));
  }

  // ---- messages, on the Redis dispatcher thread: never block ---------------------------------

  private void onMessage(String text) {
    if (closed) {
      return;
    }
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JacksonException e) {
      LOG.debug("ignoring a malformed message between gateway nodes", e);
      return;
    }
    String reply = message.path("r").asString("");
    switch (message.path("k").asString("")) {
      case "resume" -> startResume(reply, message);
      case "cancel" -> {
        Running run = running.get(reply);
        if (run != null) {
          run.thread().interrupt();
        }
      }
      default -> {
        BlockingQueue<JsonNode> inbox = waiting.get(reply);
        if (inbox != null) {
          inbox.add(message);
        }
      }
    }
  }

  // ---- the node that parked the call -------------------------------------------------------

  private void startResume(String reply, JsonNode message) {
    String from = message.path("from").asString("");
    if (reply.isEmpty() || from.isEmpty()) {
      return;
    }
    Thread thread =
        Thread.ofVirtual()
            .name("gateway-forwarded-" + reply)
            .unstarted(() -> resume(reply, from, message));
    running.put(reply, new Running(thread, from));
    thread.start();
  }

  private void resume(String reply, String from, JsonNode message) {
    ForwardedRetry retry = new ForwardedRetry(reply, message, relayed -> send(from, relayed));
    ObjectNode outcome = NODES.objectNode();
    outcome.put("r", reply);
    try {
      ObjectNode result =
          resumer.resume(
              retry, message.path("call").asString(""), message.path("key").asString(""));
      ForwardedRetry.Asked asked = retry.asked;
      if (asked != null) {
        outcome.put("k", "input");
        outcome.set("inputRequests", asked.inputRequests());
        outcome.set("continuation", asked.continuation());
      } else {
        outcome.put("k", "result");
        outcome.set("result", result);
      }
    } catch (RequestErrorException e) {
      error(outcome, e.error());
    } catch (InterruptedException e) {
      error(outcome, JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the call was cancelled"));
    } catch (RuntimeException e) {
      LOG.debug("a forwarded resume failed", e);
      error(outcome, JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error"));
    } finally {
      retry.ended = true;
      running.remove(reply);
    }
    send(from, outcome);
  }

  private static void error(ObjectNode outcome, JsonRpcError error) {
    outcome.put("k", "error");
    outcome.put("code", error.code());
    outcome.put("message", error.message());
    JsonNode data = error.data();
    if (data != null) {
      outcome.set("data", data);
    }
  }

  /** Publishes to the node that forwarded a retry; lost when it is gone or Redis is. */
  private void send(String to, ObjectNode message) {
    try {
      if (cluster.publish(channel(to), message.toString()) == 0) {
        LOG.debug("node {} that forwarded a retry is gone", to);
      }
    } catch (StoreUnavailableException e) {
      LOG.debug("answering node {}: Redis cannot be reached", to, e);
    }
  }

  private void sendKeepAlives() {
    for (Map.Entry<String, Running> run : running.entrySet()) {
      ObjectNode message = NODES.objectNode();
      message.put("k", "alive");
      message.put("r", run.getKey());
      try {
        send(run.getValue().from(), message);
      } catch (RuntimeException e) {
        // A failure here must not end the schedule: the next round tries again.
        LOG.debug("a keep-alive to node {} failed", run.getValue().from(), e);
      }
    }
  }

  /**
   * Stops taking forwarded retries: the nodes whose retries run here are told at once, on this
   * thread, that this node stops, and those retries are interrupted (their calls cancelled); the
   * retries this node forwarded are answered that the gateway stops.
   *
   * <p>The nodes are told here rather than by the interrupted threads' outcomes, which race with
   * the gateway closing its Redis connections right after: an outcome published too late is lost,
   * and its client would wait for the silence bound instead of hearing why at once.
   */
  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    for (Map.Entry<String, Running> run : running.entrySet()) {
      ObjectNode gone = NODES.objectNode();
      gone.put("r", run.getKey());
      error(
          gone,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "the gateway node that holds the call is stopping; start the request over"));
      send(run.getValue().from(), gone);
      run.getValue().thread().interrupt();
    }
    ObjectNode stopping = NODES.objectNode();
    stopping.put("k", "error");
    stopping.put("code", JsonRpcError.INTERNAL_ERROR);
    stopping.put("message", "the gateway is stopping; start the request over");
    for (BlockingQueue<JsonNode> inbox : waiting.values()) {
      inbox.add(stopping);
    }
  }
}
