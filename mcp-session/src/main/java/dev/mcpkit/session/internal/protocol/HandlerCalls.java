package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user handlers (resources, prompts, completion) and maps what they throw to JSON-RPC errors:
 * {@link ResourceNotFoundException} to "Resource not found", {@link IllegalArgumentException} to
 * "Invalid params" with its message (the client's mistake: logged at debug), anything else to a
 * bare internal error (never a stack trace on the wire; a fault of the server, so logged at warn
 * with its stack trace). Stateless.
 */
final class HandlerCalls {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

  /** Code that calls a user handler. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }

  private HandlerCalls() {}

  static <T> T run(String what, Call<T> call) {
    T result;
    try {
      result = call.run();
    } catch (ResourceNotFoundException e) {
      throw ResourceMethods.notFound(e.uri());
    } catch (IllegalArgumentException e) {
      LOG.debug("{} rejected its arguments", what, e);
      String message = e.getMessage();
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS,
          "Invalid params: "
              + (message == null || message.isBlank()
                  ? what + " rejected its arguments"
                  : message));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolError(
          JsonRpcError.INTERNAL_ERROR, "Internal error: " + what + " was interrupted");
    } catch (ProtocolError e) {
      throw e;
    } catch (Exception e) {
      LOG.warn("{} failed", what, e);
      throw new ProtocolError(JsonRpcError.INTERNAL_ERROR, "Internal error: " + what + " failed");
    }
    if (result == null) {
      throw new ProtocolError(
          JsonRpcError.INTERNAL_ERROR, "Internal error: " + what + " returned nothing");
    }
    return result;
  }
}
