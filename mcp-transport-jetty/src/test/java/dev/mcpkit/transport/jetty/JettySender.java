package dev.mcpkit.transport.jetty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Sends {@code java.net.http} requests with Jetty's {@link org.eclipse.jetty.client.HttpClient} and
 * answers {@code java.net.http} responses, so the tests read the same whatever the transport.
 * Bodies are handed to the {@link HttpResponse.BodyHandler} as they arrive and with its demand, so
 * streaming handlers ({@code ofLines}) see SSE events before the response ends.
 *
 * <p>One Jetty client per transport, shared by the whole test JVM. Thread-safe.
 */
final class JettySender {
  private static final long TIMEOUT_SECONDS = 30;

  private final org.eclipse.jetty.client.HttpClient client;

  private JettySender(org.eclipse.jetty.client.HttpClient client) {
    this.client = client;
  }

  static JettySender of(Transport transport) {
    return switch (transport) {
      case HTTP_1_1 -> throw new IllegalArgumentException("HTTP/1.1 is sent by java.net.http");
      case H2C -> H2c.SENDER;
      case TLS_H2 -> Tls.SENDER;
    };
  }

  /** h2c with prior knowledge: HTTP/2 frames from the first byte, no Upgrade. */
  private static final class H2c {
    static final JettySender SENDER =
        start(new HttpClientTransportOverHTTP2(new HTTP2Client(connector(false))));
  }

  /** TLS, offering h2 and http/1.1 through ALPN and letting the server choose. */
  private static final class Tls {
    static final JettySender SENDER =
        start(
            new HttpClientTransportDynamic(
                connector(true),
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector(true))),
                HttpClientConnectionFactory.HTTP11));
  }

  private static ClientConnector connector(boolean tls) {
    ClientConnector connector = new ClientConnector();
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setDaemon(true);
    threads.setName("test-jetty-client");
    connector.setExecutor(threads);
    if (tls) {
      SslContextFactory.Client ssl = new SslContextFactory.Client();
      ssl.setTrustStorePath(TestTls.clientTrustStore().toString());
      ssl.setTrustStoreType("PKCS12");
      ssl.setTrustStorePassword(new String(TestTls.PASSWORD));
      connector.setSslContextFactory(ssl);
    }
    return connector;
  }

  private static JettySender start(org.eclipse.jetty.client.HttpClientTransport transport) {
    org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient(transport);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setDaemon(true);
    threads.setName("test-jetty-client");
    client.setExecutor(threads);
    client.setFollowRedirects(false);
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty's client", e);
    }
    return new JettySender(client);
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    InputStreamResponseListener listener = new InputStreamResponseListener();
    toJetty(request).send(listener);
    Response response;
    try {
      response = listener.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("the request failed: " + e.getMessage(), e);
    }
    HttpClient.Version version =
        response.getVersion() == HttpVersion.HTTP_2
            ? HttpClient.Version.HTTP_2
            : HttpClient.Version.HTTP_1_1;
    HttpHeaders headers = headers(response);
    int status = response.getStatus();
    HttpResponse.BodySubscriber<T> subscriber =
        handler.apply(
            new HttpResponse.ResponseInfo() {
              @Override
              public int statusCode() {
                return status;
              }

              @Override
              public HttpHeaders headers() {
                return headers;
              }

              @Override
              public HttpClient.Version version() {
                return version;
              }
            });
    feed(listener.getInputStream(), subscriber);
    try {
      T body = subscriber.getBody().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new Answer<>(status, request, headers, body, version);
    } catch (TimeoutException | ExecutionException e) {
      throw new IOException("reading the body failed: " + e.getMessage(), e);
    }
  }

  <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> future = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("test-jetty-send")
        .start(
            () -> {
              try {
                future.complete(send(request, handler));
              } catch (IOException | InterruptedException | RuntimeException e) {
                future.completeExceptionally(e);
              }
            });
    return future;
  }

  private Request toJetty(HttpRequest request) throws IOException, InterruptedException {
    Request jetty =
        client
            .newRequest(request.uri())
            .method(request.method())
            .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String contentType = request.headers().firstValue("Content-Type").orElse(null);
    request
        .headers()
        .map()
        .forEach(
            (name, values) -> jetty.headers(fields -> values.forEach(v -> fields.add(name, v))));
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isPresent()) {
      byte[] body = collect(publisher.get());
      jetty.body(
          publisher.get().contentLength() >= 0
              ? new BytesRequestContent(contentType, body)
              // Unknown length: streamed without Content-Length, as the JDK's client would.
              : new InputStreamRequestContent(contentType, new ByteArrayInputStream(body)));
    }
    return jetty;
  }

  private static HttpHeaders headers(Response response) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    for (HttpField field : response.getHeaders()) {
      ordered
          .computeIfAbsent(field.getName(), n -> new java.util.ArrayList<>())
          .add(field.getValue());
    }
    map.putAll(ordered);
    return HttpHeaders.of(map, (name, value) -> true);
  }

  /** Collects a body publisher's bytes. */
  private static byte[] collect(HttpRequest.BodyPublisher publisher)
      throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch done = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            out.writeBytes(bytes);
          }

          @Override
          public void onError(Throwable throwable) {
            failure[0] = throwable;
            done.countDown();
          }

          @Override
          public void onComplete() {
            done.countDown();
          }
        });
    if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS) || failure[0] != null) {
      throw new IOException("cannot read the request body", failure[0]);
    }
    return out.toByteArray();
  }

  /** Pushes the response content into the subscriber, honouring its demand, on a virtual thread. */
  private static void feed(InputStream in, HttpResponse.BodySubscriber<?> subscriber) {
    Semaphore demand = new Semaphore(0);
    AtomicBoolean cancelled = new AtomicBoolean();
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            // Capped so the permits cannot overflow; a subscriber asking for Long.MAX_VALUE asks
            // once.
            demand.release((int) Math.min(n, 1 << 24));
          }

          @Override
          public void cancel() {
            cancelled.set(true);
            try {
              in.close();
            } catch (IOException ignored) {
              // Closing is best effort.
            }
          }
        });
    Thread.ofVirtual()
        .name("test-jetty-body")
        .start(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (n == 0) {
                    continue;
                  }
                  demand.acquire();
                  if (cancelled.get()) {
                    return;
                  }
                  subscriber.onNext(List.of(ByteBuffer.wrap(Arrays.copyOf(buffer, n))));
                }
                subscriber.onComplete();
              } catch (IOException | RuntimeException e) {
                if (!cancelled.get()) {
                  subscriber.onError(e);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                subscriber.onError(e);
              }
            });
  }

  private record Answer<T>(
      int statusCode, HttpRequest request, HttpHeaders headers, T body, HttpClient.Version version)
      implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }
  }
}
