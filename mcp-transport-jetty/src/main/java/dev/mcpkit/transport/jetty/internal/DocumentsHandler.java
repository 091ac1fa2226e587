package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves fixed public documents beside the MCP endpoint (e.g. OAuth Protected Resource Metadata,
 * RFC 9728, at {@code /.well-known/oauth-protected-resource}); every other request goes to the
 * wrapped handler. Served on the I/O thread (the bodies are bytes in memory), without
 * authentication, after the same {@code Host} check as the endpoint ({@link HostPolicy}, against
 * DNS rebinding). The {@code Origin} is not checked: a document is public and carries no
 * credentials, so any page may read it ({@code Access-Control-Allow-Origin: *}, and a CORS
 * preflight is answered), which browser-based MCP clients need to discover the authorization
 * server. GET and HEAD are served; other methods get 405.
 *
 * <p>Thread-safe: immutable.
 */
public final class DocumentsHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentsHandler.class);
  private static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

  private final Map<String, Document> documents;
  private final HostPolicy hosts;

  /**
   * One document.
   *
   * @param contentType its {@code Content-Type}
   * @param body its bytes; not copied, never modified
   */
  public record Document(String contentType, byte[] body) {
    /** Validates the fields. */
    public Document {
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }
  }

  /**
   * Wraps a handler.
   *
   * @param handler the handler of every other request
   * @param documents the documents by path
   * @param settings the endpoint's settings, whose bound and allowed hosts apply here too
   */
  public DocumentsHandler(
      Handler handler, Map<String, Document> documents, TransportSettings settings) {
    super(requireNonNull(handler, "handler"));
    this.documents = Map.copyOf(documents);
    this.hosts = new HostPolicy(settings.boundHost(), settings.allowedHosts());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Document document = documents.get(Request.getPathInContext(request));
    if (document == null) {
      return super.handle(request, response, callback);
    }
    String host = request.getHttpURI().getHost();
    if (!hosts.allows(host)) {
      LOG.debug("refusing host {} for a document", host);
      Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
      return true;
    }
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    String method = request.getMethod();
    if (HttpMethod.OPTIONS.is(method)) {
      preflight(request, response, callback);
      return true;
    }
    boolean head = HttpMethod.HEAD.is(method);
    if (!head && !HttpMethod.GET.is(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, ALLOWED_METHODS);
      Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
      return true;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, document.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, document.body().length);
    response.write(
        true, head ? null : ByteBuffer.wrap(document.body()).asReadOnlyBuffer(), callback);
    return true;
  }

  /** Answers a CORS preflight: any origin, the read methods, whatever headers were asked for. */
  private static void preflight(Request request, Response response, Callback callback) {
    response.setStatus(HttpStatus.NO_CONTENT_204);
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
    String asked = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS);
    if (asked != null && asked.indexOf('\r') < 0 && asked.indexOf('\n') < 0) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, asked);
    }
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, 3600);
    response.write(true, null, callback);
  }
}
