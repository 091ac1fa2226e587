package dev.mcpkit.session.internal;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every event per session; thread-safe. */
final class RecordingListener implements SessionListener {
  final Map<SessionId, Queue<SessionEvent>> events = new ConcurrentHashMap<>();
  final Queue<SessionAdmissionException.Reason> rejections = new ConcurrentLinkedQueue<>();

  @Override
  public void onSessionEvent(SessionEvent event) {
    events.computeIfAbsent(event.session().id(), id -> new ConcurrentLinkedQueue<>()).add(event);
  }

  @Override
  public void onAdmissionRejected(SessionAdmissionException.Reason reason) {
    rejections.add(reason);
  }

  List<SessionEvent> of(SessionId id) {
    Queue<SessionEvent> q = events.get(id);
    return q == null ? List.of() : new ArrayList<>(q);
  }

  List<SessionState> statesOf(SessionId id) {
    return of(id).stream().map(SessionEvent::to).toList();
  }

  List<CloseReason> closeReasonsOf(SessionId id) {
    return of(id).stream()
        .filter(e -> e.to() == SessionState.CLOSED)
        .map(SessionEvent::closeReason)
        .toList();
  }
}
