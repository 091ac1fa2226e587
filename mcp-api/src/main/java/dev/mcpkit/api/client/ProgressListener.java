package dev.mcpkit.api.client;

import org.jspecify.annotations.Nullable;

/**
 * Receives the {@code notifications/progress} of one request, in the order the server sent them. It
 * runs on the thread that reads the server's stream (for {@link McpClient#requestWithoutBlocking},
 * possibly the transport's I/O thread): keep it short and never block in it.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * One progress notification.
   *
   * @param progress how far
   * @param total the total, or {@code null} when unknown
   * @param message a message, or {@code null}
   */
  record Progress(double progress, @Nullable Double total, @Nullable String message) {}

  /**
   * Called once per progress notification.
   *
   * @param progress the notification
   */
  void onProgress(Progress progress);
}
