package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.CLOSE_REASON;
import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.MCP_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_TRANSPORT;
import static dev.mcpkit.metrics.internal.Names.REJECTION_REASON;
import static dev.mcpkit.metrics.internal.Names.SESSION_STATE;
import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Session lifecycle metrics from {@link SessionEvent}s: sessions by state, created, closed by
 * reason, rejected at admission, and {@code mcp.server.session.duration}. Thread-safe: the
 * instruments are, and the attribute tables are built once and only read.
 */
public final class SessionMetrics implements SessionListener {
  private final LongUpDownCounter sessions;
  private final LongCounter created;
  private final LongCounter closed;
  private final LongCounter rejected;
  private final DoubleHistogram duration;
  private final Map<SessionState, Attributes> byState = new EnumMap<>(SessionState.class);
  private final Map<CloseReason, Attributes> byReason = new EnumMap<>(CloseReason.class);
  private final Map<SessionAdmissionException.Reason, Attributes> byRejection =
      new EnumMap<>(SessionAdmissionException.Reason.class);

  /**
   * The attributes of {@code mcp.server.session.duration}, by version and close reason: built once.
   */
  private final Map<ProtocolVersion, Map<CloseReason, Attributes>> byVersionAndReason =
      new EnumMap<>(ProtocolVersion.class);

  /**
   * Creates the instruments.
   *
   * @param meter the meter
   */
  public SessionMetrics(Meter meter) {
    this.sessions =
        meter
            .upDownCounterBuilder("mcpkit.server.sessions")
            .setDescription(
                "Sessions held by the server, by lifecycle state (closed ones excluded).")
            .setUnit("{session}")
            .build();
    this.created =
        meter
            .counterBuilder("mcpkit.server.session.opened")
            .setDescription(
                "Sessions opened (initialize answered); not created, which Prometheus reserves as a suffix.")
            .setUnit("{session}")
            .build();
    this.closed =
        meter
            .counterBuilder("mcpkit.server.session.closed")
            .setDescription("Sessions closed, by reason.")
            .setUnit("{session}")
            .build();
    this.rejected =
        meter
            .counterBuilder("mcpkit.server.session.rejected")
            .setDescription("Sessions refused at admission, by reason.")
            .setUnit("{session}")
            .build();
    this.duration =
        meter
            .histogramBuilder("mcp.server.session.duration")
            .setDescription("The duration of the MCP session as observed on the MCP server.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.MCP_BUCKETS)
            .build();
    for (SessionState state : SessionState.values()) {
      byState.put(state, Attributes.of(SESSION_STATE, wire(state)));
    }
    for (CloseReason reason : CloseReason.values()) {
      byReason.put(reason, Attributes.of(CLOSE_REASON, wire(reason)));
    }
    for (SessionAdmissionException.Reason reason : SessionAdmissionException.Reason.values()) {
      byRejection.put(reason, Attributes.of(REJECTION_REASON, wire(reason)));
    }
    for (ProtocolVersion version : ProtocolVersion.values()) {
      Map<CloseReason, Attributes> byReasonOfVersion = new EnumMap<>(CloseReason.class);
      for (CloseReason reason : CloseReason.values()) {
        var attributes =
            Attributes.builder()
                .put(MCP_PROTOCOL_VERSION, version.wireName())
                .put(NETWORK_TRANSPORT, Names.TCP)
                .put(CLOSE_REASON, wire(reason));
        if (reason == CloseReason.ERROR) {
          attributes.put(ERROR_TYPE, "session_error");
        }
        byReasonOfVersion.put(reason, attributes.build());
      }
      byVersionAndReason.put(version, byReasonOfVersion);
    }
  }

  private static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void onSessionEvent(SessionEvent event) {
    SessionState from = event.from();
    SessionState to = event.to();
    if (from == null) {
      created.add(1);
    } else {
      sessions.add(-1, byState.get(from));
    }
    if (to != SessionState.CLOSED) {
      sessions.add(1, byState.get(to));
      return;
    }
    CloseReason reason = event.closeReason();
    closed.add(1, byReason.get(reason));
    Duration lived = Duration.between(event.session().createdAt(), event.at());
    duration.record(
        lived.toNanos() / Names.NANOS_PER_SECOND,
        // The table holds every version (see the constructor).
        requireNonNull(byVersionAndReason.get(event.session().protocolVersion())).get(reason));
  }

  @Override
  public void onAdmissionRejected(SessionAdmissionException.Reason reason) {
    rejected.add(1, byRejection.get(reason));
  }
}
