package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * read by {@link TapeRecorder#stats()}, which the recorder owns.
 */
final class TapeWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TapeWriter.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Files kept open at once; the least recently written is closed (and reopened to append). */
  static final int MAX_OPEN_FILES = 64;

  /** One tape's writer-side state. */
  private static final class Open {
    @Nullable Writer out;
    long bytes;
    @Nullable String ended;
  }

  private final TapeSettings settings;
  private final Redactor redactor;
  private final TapeRecorder.Counters counters;
  private final Map<TapeHandle, Open> tapes = new LinkedHashMap<>(16, 0.75f, true);
  private int openFiles;
  private boolean totalReached;

  TapeWriter(TapeSettings settings, Redactor redactor, TapeRecorder.Counters counters) {
    this.settings = settings;
    this.redactor = redactor;
    this.counters = counters;
  }

  /**
   * Runs until {@code stopping} is set and both queues are empty: lines first; tapes are ended only
   * once the lines queued before (the queue is FIFO) were written, so an end never overtakes its
   * tape's messages.
   */
  void run(
      BlockingQueue<TapeLine> lines,
      Queue<TapeRecorder.Ending> endings,
      java.util.function.BooleanSupplier stopping) {
    for (; ; ) {
      TapeLine line;
      try {
        line = lines.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // Stopping is the recorder's decision (close()); finish what is queued.
        Thread.currentThread().interrupt();
        line = lines.poll();
        if (line == null && endings.isEmpty()) {
          break;
        }
      }
      if (line != null) {
        write(line);
        if (!lines.isEmpty()) {
          continue;
        }
      }
      flush();
      for (TapeRecorder.Ending ending; (ending = endings.poll()) != null; ) {
        // The lines of this tape were offered before its ending was: they are in the queue now.
        for (TapeLine pending; (pending = lines.poll()) != null; ) {
          write(pending);
        }
        end(ending.tape(), ending.at(), ending.reason());
      }
      if (stopping.getAsBoolean() && lines.isEmpty() && endings.isEmpty()) {
        break;
      }
    }
    flush();
    for (Open open : tapes.values()) {
      close(open);
    }
    tapes.clear();
  }

  void write(TapeLine line) {
    Open open = tapes.get(line.tape());
    if (open == null) {
      if (totalReached || line.tape().ended) {
        // Past the total, or a straggler of a tape already ended: never a second file or header.
        counters.truncated.increment();
        return;
      }
      open = new Open();
      tapes.put(line.tape(), open);
      counters.tapes.increment();
      ObjectNode header = Redactor.object();
      header.put("tape", TapeFormat.VERSION);
      header.put("session", line.tape().name());
      header.put("started", line.tape().started().toString());
      append(line.tape(), open, header, true);
    }
    if (open.ended != null) {
      counters.truncated.increment();
      return;
    }
    Duration age = Duration.between(line.tape().started(), line.at());
    if (age.compareTo(settings.maxDurationPerTape()) > 0) {
      counters.truncated.increment();
      endWith(line.tape(), open, line.at(), "maxDurationPerTape");
      return;
    }
    if (!append(line.tape(), open, json(line), false)) {
      counters.truncated.increment();
    } else {
      counters.lines.increment();
    }
  }

  /** Ends a tape: its session closed, or the gateway stopped. */
  void end(TapeHandle tape, Instant at, String reason) {
    tape.ended = true;
    Open open = tapes.remove(tape);
    if (open == null) {
      return; // nothing was ever written: no file
    }
    if (open.ended == null) {
      endWith(tape, open, at, reason);
    }
    close(open);
  }

  private void endWith(TapeHandle tape, Open open, Instant at, String reason) {
    ObjectNode end = Redactor.object();
    end.put("t", at.toString());
    end.put("end", reason);
    end.put("dropped", tape.dropped.get());
    append(tape, open, end, true);
    open.ended = reason;
    close(open);
  }

  /**
   * Appends a line within the bounds; {@code force} for the header and end lines, which are written
   * even past them (they are small and say what happened).
   *
   * @return whether it was written
   */
  private boolean append(TapeHandle tape, Open open, ObjectNode node, boolean force) {
    String text;
    try {
      text = JSON.writeValueAsString(node) + "\n";
    } catch (JacksonException e) {
      LOG.debug("tape line not serializable", e);
      return false;
    }
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (!force) {
      if (counters.bytes.sum() + size > settings.maxTotalBytes()) {
        if (!totalReached) {
          totalReached = true;
          LOG.warn(
              "tapes reached maxTotalBytes ({} bytes): recording stops", settings.maxTotalBytes());
        }
        endWith(tape, open, Instant.now(), "maxTotalBytes");
        return false;
      }
      if (open.bytes + size > settings.maxBytesPerTape()) {
        endWith(tape, open, Instant.now(), "maxBytesPerTape");
        return false;
      }
    }
    try {
      Writer out = open.out;
      if (out == null) {
        out = openFile(tape);
        open.out = out;
      }
      out.write(text);
    } catch (IOException e) {
      LOG.warn("cannot write tape {}: {}", tape.file(), e.getMessage());
      open.ended = "ioError";
      close(open);
      return false;
    }
    open.bytes += size;
    counters.bytes.add(size);
    return true;
  }

  private Writer openFile(TapeHandle tape) throws IOException {
    if (openFiles >= MAX_OPEN_FILES) {
      Iterator<Open> eldest = tapes.values().iterator();
      while (eldest.hasNext() && openFiles >= MAX_OPEN_FILES) {
        close(eldest.next());
      }
    }
    Writer out =
        Files.newBufferedWriter(
            tape.file(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
    openFiles++;
    return out;
  }

  private void close(Open open) {
    Writer out = open.out;
    if (out != null) {
      open.out = null;
      openFiles--;
      try {
        out.close();
      } catch (IOException e) {
        LOG.debug("closing a tape failed", e);
      }
    }
  }

  private void flush() {
    for (Open open : tapes.values()) {
      Writer out = open.out;
      if (out != null) {
        try {
          out.flush();
        } catch (IOException e) {
          LOG.debug("flushing a tape failed", e);
        }
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
    if (line.headers() != null) {
      node.set("headers", line.headers());
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
