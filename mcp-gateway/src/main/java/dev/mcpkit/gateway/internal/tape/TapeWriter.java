package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writer thread's side of recording: takes lines off the queue, redacts and serializes them,
 * enforces the bounds (per tape: bytes and age; all tapes: bytes) and writes the files. A tape that
 * reaches a bound gets its end line ({@code {"end":"maxBytesPerTape",...}}) and nothing more.
 *
 * <p>Confined to one thread (the recorder's writer): nothing here is shared, except the counters
 * read by {@link TapeRecorder#stats()}, which the recorder owns, and the handles, whose writer-side
 * fields only this thread touches.
 */
final class TapeWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TapeWriter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Files kept open at once; the least recently written is closed (and reopened to append). */
  static final int MAX_OPEN_FILES = 64;

  /** The buffer of an open tape: a few lines; small, as up to {@link #MAX_OPEN_FILES} are open. */
  private static final int BUFFER = 4096;

  private final TapeSettings settings;
  private final Redactor redactor;
  private final TapeRecorder.Counters counters;

  /**
   * The tapes whose file is open, least recently written first; at most {@link #MAX_OPEN_FILES}.
   * The rest of a tape's writer-side state is in its handle, so an idle tape costs no entry here.
   */
  private final Map<TapeHandle, OutputStream> open = new LinkedHashMap<>(16, 0.75f, true);

  private boolean totalReached;

  TapeWriter(TapeSettings settings, Redactor redactor, TapeRecorder.Counters counters) {
    this.settings = settings;
    this.redactor = redactor;
    this.counters = counters;
  }

  /** Elements taken off the queue before their count is given back to its bound. */
  private static final int RELEASE_BATCH = 64;

  /**
   * Runs until {@code stopping} is set and the queue is empty. Messages and ends come through one
   * FIFO queue, so a tape's end is written after every message handed over before it. When it finds
   * nothing, the writer flushes and sleeps for {@code pause} (or until the recorder wakes it: a
   * half-full queue, or closing): request threads never signal it per message.
   */
  void run(TapeQueue<TapeEvent> queue, BooleanSupplier stopping, Duration pause) {
    long pauseNanos = pause.toNanos();
    int taken = 0;
    for (; ; ) {
      TapeEvent event = queue.poll();
      if (event != null) {
        switch (event) {
          case TapeLine line -> write(line);
          case TapeEnd end -> end(end.tape(), end.at(), end.reason());
        }
        if (++taken == RELEASE_BATCH) {
          queue.release(taken);
          taken = 0;
        }
        continue;
      }
      queue.release(taken);
      taken = 0;
      flush();
      boolean interrupted = Thread.currentThread().isInterrupted();
      if ((stopping.getAsBoolean() || interrupted) && queue.size() == 0) {
        break; // an interrupt (the flag stays set) stops the writer once the queue is written
      }
      if (!interrupted) {
        LockSupport.parkNanos(this, pauseNanos);
      }
    }
    flush();
    for (TapeHandle tape : List.copyOf(open.keySet())) {
      close(tape);
    }
  }

  void write(TapeLine line) {
    TapeHandle tape = line.tape();
    if (!tape.begun) {
      if (totalReached || tape.ended) {
        // Past the total, or a straggler of a tape already ended: never a second file or header.
        counters.truncated.increment();
        return;
      }
      tape.begun = true;
      counters.tapes.increment();
      ObjectNode header = Redactor.object();
      header.put("tape", TapeFormat.VERSION);
      header.put("session", tape.name());
      header.put("started", tape.started().toString());
      append(tape, header, true);
    }
    if (tape.stopped != null) {
      counters.truncated.increment();
      return;
    }
    Duration age = Duration.between(tape.started(), line.at());
    if (age.compareTo(settings.maxDurationPerTape()) > 0) {
      counters.truncated.increment();
      endWith(tape, line.at(), "maxDurationPerTape");
      return;
    }
    if (!append(tape, json(line), false)) {
      counters.truncated.increment();
    } else {
      counters.lines.increment();
    }
  }

  /** Ends a tape: its session closed, or the gateway stopped. */
  void end(TapeHandle tape, Instant at, String reason) {
    tape.ended = true;
    if (!tape.begun) {
      return; // nothing was ever written: no file
    }
    if (tape.stopped == null) {
      endWith(tape, at, reason);
    }
    close(tape);
  }

  private void endWith(TapeHandle tape, Instant at, String reason) {
    ObjectNode end = Redactor.object();
    end.put("t", at.toString());
    end.put("end", reason);
    end.put("dropped", tape.droppedCount());
    append(tape, end, true);
    tape.stopped = reason;
    close(tape);
  }

  /**
   * Appends a line within the bounds; {@code force} for the header and end lines, which are written
   * even past them (they are small and say what happened).
   *
   * @return whether it was written
   */
  private boolean append(TapeHandle tape, ObjectNode node, boolean force) {
    byte[] text;
    try {
      text = JSON.writeValueAsBytes(node);
    } catch (JacksonException e) {
      LOG.debug("tape line not serializable", e);
      return false;
    }
    long size = text.length + 1L;
    if (!force) {
      if (counters.bytes.sum() + size > settings.maxTotalBytes()) {
        if (!totalReached) {
          totalReached = true;
          LOG.warn(
              "tapes reached maxTotalBytes ({} bytes): recording stops", settings.maxTotalBytes());
        }
        endWith(tape, Instant.now(), "maxTotalBytes");
        return false;
      }
      if (tape.bytes + size > settings.maxBytesPerTape()) {
        endWith(tape, Instant.now(), "maxBytesPerTape");
        return false;
      }
    }
    try {
      OutputStream out = open.get(tape);
      if (out == null) {
        out = openFile(tape);
      }
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      LOG.warn("cannot write tape {}: {}", tape.file(), e.getMessage());
      tape.stopped = "ioError";
      close(tape);
      return false;
    }
    tape.bytes += size;
    counters.bytes.add(size);
    return true;
  }

  private OutputStream openFile(TapeHandle tape) throws IOException {
    if (open.size() >= MAX_OPEN_FILES) {
      close(open.keySet().iterator().next());
    }
    OutputStream out =
        new BufferedOutputStream(
            Files.newOutputStream(
                tape.file(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE),
            BUFFER);
    open.put(tape, out);
    return out;
  }

  private void close(TapeHandle tape) {
    OutputStream out = open.remove(tape);
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("closing a tape failed", e);
      }
    }
  }

  private void flush() {
    for (OutputStream out : open.values()) {
      try {
        out.flush();
      } catch (IOException e) {
        LOG.debug("flushing a tape failed", e);
      }
    }
  }

  /** The line as written: redacted, with the message in JSON-RPC form. */
  private ObjectNode json(TapeLine line) {
    ObjectNode node = Redactor.object();
    node.put("t", line.at().toString());
    node.put("dir", line.direction().wireName());
    if (line.upstream() != null) {
      node.put("upstream", line.upstream());
    }
    if (line.call() != null) {
      node.put("call", line.call());
    }
    List<@Nullable String> headers = line.headers();
    if (headers != null) {
      ObjectNode recorded = Redactor.object();
      List<String> names = redactor.recordedHeaders();
      for (int i = 0; i < names.size(); i++) {
        String value = Redactor.nonBlank(headers.get(i));
        if (value != null) {
          recorded.put(names.get(i), redactor.header(names.get(i), value));
        }
      }
      if (!recorded.isEmpty()) {
        node.set("headers", recorded);
      }
    }
    JsonRpcMessage message = line.message();
    if (message == null) {
      node.put("delete", true);
    } else {
      node.set("message", redactor.redact(message(message)));
    }
    return node;
  }

  /** A message as its JSON-RPC object; params and results are shared, never changed. */
  static ObjectNode message(JsonRpcMessage message) {
    ObjectNode node = Redactor.object();
    node.put("jsonrpc", "2.0");
    switch (message) {
      case JsonRpcRequest request -> {
        id(node, request.id());
        node.put("method", request.method());
        if (request.params() != null) {
          node.set("params", request.params());
        }
      }
      case JsonRpcNotification notification -> {
        node.put("method", notification.method());
        if (notification.params() != null) {
          node.set("params", notification.params());
        }
      }
      case JsonRpcResponse response -> {
        id(node, response.id());
        node.set("result", response.result());
      }
      case JsonRpcErrorResponse error -> {
        id(node, error.id());
        node.set("error", error(error.error()));
      }
    }
    return node;
  }

  static ObjectNode error(JsonRpcError error) {
    ObjectNode node = Redactor.object();
    node.put("code", error.code());
    node.put("message", error.message());
    JsonNode data = error.data();
    if (data != null) {
      node.set("data", data);
    }
    return node;
  }

  private static void id(ObjectNode node, @Nullable RequestId id) {
    switch (id) {
      case null -> node.putNull("id");
      case RequestId.Text text -> node.put("id", text.value());
      case RequestId.Number number -> node.put("id", number.value());
    }
  }
}
