package dev.mcpkit.session.internal.tasks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.transport.MessageSink;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Where a task's handler's messages go once the call answered with the task: its progress becomes
 * the task's {@code statusMessage} (what {@code tasks/get} shows); anything else is dropped, since
 * no stream is open to the client. Thread-safe if the consumer is.
 */
final class TaskSink implements MessageSink {
  private final Consumer<String> statusMessage;

  TaskSink(Consumer<String> statusMessage) {
    this.statusMessage = requireNonNull(statusMessage, "statusMessage");
  }

  @Override
  public void send(JsonRpcMessage message) {
    if (message instanceof JsonRpcNotification notification
        && "notifications/progress".equals(notification.method())
        && notification.params() != null) {
      JsonNode params = notification.params();
      String text = params.path("message").asString("");
      double progress = params.path("progress").asDouble(0);
      JsonNode total = params.get("total");
      String amount =
          total == null || !total.isNumber()
              ? format(progress)
              : format(progress) + "/" + format(total.asDouble());
      statusMessage.accept(text.isEmpty() ? amount : amount + " " + text);
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
