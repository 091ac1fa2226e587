package dev.mcpkit.benchmarks.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.jspecify.annotations.Nullable;

/**
 * One user's requests over a shared HTTP/2 session (h2c, prior knowledge) for the lean load
 * generator: each request is a new stream opened with Jetty's low-level HTTP/2 API (a HEADERS
 * frame, then one DATA frame ending the stream), and the answer's HEADERS and DATA frames are
 * collected into an {@link Answer}. It skips what Jetty's {@code HttpClient} adds on top (request
 * and response objects, listener chains, content decoding, connection pool bookkeeping), which cost
 * about as much CPU per request as the servers under test.
 *
 * <p>Asynchronous: the returned future completes on a Jetty thread. A user has one request in
 * flight at a time; many users share the session (see {@link UserConnections}).
 */
final class RawH2cConnection implements UserConnection {
  private static final PreEncodedHttpField ACCEPT =
      new PreEncodedHttpField(HttpHeader.ACCEPT, "application/json, text/event-stream");
  private static final PreEncodedHttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final Session session;
  private final HttpURI uri;
  private final @Nullable PreEncodedHttpField authorization;

  RawH2cConnection(Session session, Endpoint endpoint) {
    this.session = session;
    this.uri = HttpURI.from(endpoint.uri().toString());
    String credentials = endpoint.authorization();
    this.authorization =
        credentials == null ? null : new PreEncodedHttpField(HttpHeader.AUTHORIZATION, credentials);
  }

  @Override
  public CompletableFuture<Answer> post(
      @Nullable String sessionId, @Nullable String version, byte[] body) {
    HttpFields.Mutable fields = HttpFields.build(6).add(ACCEPT).add(JSON);
    addHeaders(fields, sessionId, version);
    MetaData.Request request =
        new MetaData.Request("POST", uri, HttpVersion.HTTP_2, fields, body.length);
    return send(request, body);
  }

  @Override
  public CompletableFuture<Answer> delete(String sessionId, String version) {
    HttpFields.Mutable fields = HttpFields.build(4);
    addHeaders(fields, sessionId, version);
    return send(new MetaData.Request("DELETE", uri, HttpVersion.HTTP_2, fields, 0), null);
  }

  /** The endpoint's credentials, if any, then the session's headers. */
  private void addHeaders(
      HttpFields.Mutable fields, @Nullable String sessionId, @Nullable String version) {
    if (authorization != null) {
      fields.add(authorization);
    }
    if (sessionId != null) {
      fields.add(LoadClient.SESSION_HEADER, sessionId);
    }
    if (version != null) {
      fields.add(LoadClient.VERSION_HEADER, version);
    }
  }

  private CompletableFuture<Answer> send(MetaData.Request request, byte @Nullable [] body) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    boolean headersOnly = body == null || body.length == 0;
    session.newStream(
        new HeadersFrame(request, null, headersOnly),
        new Promise<>() {
          @Override
          public void succeeded(Stream stream) {
            if (!headersOnly) {
              stream.data(
                  new DataFrame(stream.getId(), ByteBuffer.wrap(body), true),
                  Callback.from(() -> {}, answer::completeExceptionally));
            }
          }

          @Override
          public void failed(Throwable failure) {
            answer.completeExceptionally(failure);
          }
        },
        new AnswerListener(answer));
    return answer;
  }

  /**
   * Collects one answer's status, headers and body; completes the future at the end of the stream.
   */
  private static final class AnswerListener implements Stream.Listener {
    private final CompletableFuture<Answer> answer;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    private int status;
    private @Nullable String sessionId;
    private @Nullable String mediaType;

    AnswerListener(CompletableFuture<Answer> answer) {
      this.answer = answer;
    }

    @Override
    public void onHeaders(Stream stream, HeadersFrame frame) {
      if (frame.getMetaData() instanceof MetaData.Response response) {
        status = response.getStatus();
        sessionId = response.getHttpFields().get(LoadClient.SESSION_HEADER);
        mediaType = Answer.mediaTypeOf(response.getHttpFields().get(HttpHeader.CONTENT_TYPE));
      }
      if (frame.isEndStream()) {
        complete();
      } else {
        stream.demand();
      }
    }

    @Override
    public void onDataAvailable(Stream stream) {
      Stream.Data data = stream.readData();
      if (data == null) {
        stream.demand();
        return;
      }
      DataFrame frame = data.frame();
      ByteBuffer buffer = frame.getByteBuffer();
      if (body.size() + buffer.remaining() > MAX_BODY_BYTES) {
        data.release();
        stream.reset(
            new ResetFrame(
                stream.getId(), org.eclipse.jetty.http2.ErrorCode.CANCEL_STREAM_ERROR.code),
            Callback.NOOP);
        answer.completeExceptionally(new IOException("answer body over the limit"));
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      body.write(bytes, 0, bytes.length);
      boolean last = frame.isEndStream();
      data.release();
      if (last) {
        complete();
      } else {
        stream.demand();
      }
    }

    @Override
    public void onReset(Stream stream, ResetFrame frame, Callback callback) {
      answer.completeExceptionally(
          new IOException("stream reset by the server, error " + frame.getError()));
      callback.succeeded();
    }

    @Override
    public void onFailure(
        Stream stream, int error, String reason, Throwable failure, Callback callback) {
      answer.completeExceptionally(failure);
      callback.succeeded();
    }

    private void complete() {
      answer.complete(
          new Answer(status, sessionId, mediaType, body.toString(StandardCharsets.UTF_8)));
    }
  }
}
