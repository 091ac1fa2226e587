package dev.mcpkit.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.transport.jetty.ClientAuthorization.Refusal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback user agents (RFC 8252 §7.3) over real sockets: a "browser" (java.net.http following
 * redirects, as a person's browser would) is handed the authorization request, goes through the
 * loopback authorization server and lands on the listener, which gives the flow its answer.
 */
class LoopbackBrowserTest {
  private final FakeAuthorizationServer as;
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
  private final List<HttpResponse<String>> pagesShown = new CopyOnWriteArrayList<>();

  LoopbackBrowserTest() throws Exception {
    as = new FakeAuthorizationServer();
  }

  @AfterEach
  void stop() {
    as.close();
    browser.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Opens an address the way a browser tab does: GET, follow redirects, show the last page. */
  private final Consumer<URI> openInBrowser =
      address ->
          browser
              .sendAsync(
                  HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString())
              .thenAccept(pagesShown::add);

  @Test
  void theWholeCodeFlowThroughAListenerOnTheLoopbackRedirectUri() throws Exception {
    URI redirect = URI.create("http://127.0.0.1:" + freePort() + "/callback");
    OAuthAuthorization auth =
        OAuthAuthorization.builder(as.mcp())
            .redirectUri(redirect)
            .browser(AuthorizationBrowser.loopback(openInBrowser, Duration.ofSeconds(20)))
            .build();

    boolean retry =
        auth.refused(
            new Refusal(401, "POST", as.mcp(), Map.of("www-authenticate", List.of("Bearer")), 1));

    assertThat(retry).isTrue();
    assertThat(auth.headers("POST", as.mcp())).containsEntry("Authorization", "Bearer token-1");
    assertThat(as.authorizeRequests.getFirst()).containsEntry("redirect_uri", redirect.toString());
    // The code the authorization server put on the redirect is the one exchanged for tokens.
    assertThat(as.tokenRequests.getFirst()).containsEntry("code", "the-code");
    // The person's browser ends on the listener's page, not on an error.
    org.awaitility.Awaitility.await().until(() -> !pagesShown.isEmpty());
    assertThat(pagesShown.getFirst().statusCode()).isEqualTo(200);
    assertThat(pagesShown.getFirst().body()).contains("You can close this window");
    assertThat(pagesShown.getFirst().uri().getPath()).isEqualTo("/callback");
  }

  @Test
  void strayRequestsAreIgnoredUntilTheAnswerArrives() throws Exception {
    int port = freePort();
    URI redirect = URI.create("http://127.0.0.1:" + port + "/cb");
    CompletableFuture<URI> answered = new CompletableFuture<>();
    AuthorizationBrowser loopback =
        AuthorizationBrowser.loopback(
            request -> {
              try {
                HttpClient plain = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                assertThat(get(plain, base + "/favicon.ico")).isEqualTo(404);
                assertThat(get(plain, base + "/cb")).isEqualTo(404);
                assertThat(get(plain, base + "/other?code=x")).isEqualTo(404);
                assertThat(get(plain, base + "/cb?code=abc&state=s1")).isEqualTo(200);
              } catch (Exception e) {
                answered.completeExceptionally(e);
              }
            },
            Duration.ofSeconds(20));

    URI answer = loopback.authorize(URI.create(as.origin + "/authorize"), redirect);

    assertThat(answered).isNotCompletedExceptionally();
    assertThat(answer).isEqualTo(URI.create(redirect + "?code=abc&state=s1"));
  }

  private static int get(HttpClient client, String address) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(address)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void anErrorAnswerIsReturnedForTheFlowToReport() throws Exception {
    int port = freePort();
    URI redirect = URI.create("http://localhost:" + port + "/cb");
    AuthorizationBrowser loopback =
        AuthorizationBrowser.loopback(
            request ->
                openInBrowser.accept(
                    URI.create("http://127.0.0.1:" + port + "/cb?error=access_denied&state=s")),
            Duration.ofSeconds(20));

    URI answer = loopback.authorize(URI.create(as.origin + "/authorize"), redirect);

    assertThat(answer.getRawQuery()).isEqualTo("error=access_denied&state=s");
    assertThat(answer.getHost()).isEqualTo("localhost");
  }

  @Test
  void noAnswerTimesOutWithAClearErrorAndFreesThePort() throws Exception {
    int port = freePort();
    URI redirect = URI.create("http://127.0.0.1:" + port + "/callback");
    AuthorizationBrowser nobodyThere =
        AuthorizationBrowser.loopback(request -> {}, Duration.ofMillis(300));

    assertThatThrownBy(() -> nobodyThere.authorize(URI.create(as.origin + "/authorize"), redirect))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("no authorization response arrived at " + redirect);
    // The listener is gone: the port can be bound again.
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void printingShowsTheAddressForAPersonToOpen() throws Exception {
    int port = freePort();
    URI redirect = URI.create("http://127.0.0.1:" + port + "/callback");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    URI request = URI.create(as.origin + "/authorize?client_id=c&state=s");
    CompletableFuture<URI> result =
        CompletableFuture.supplyAsync(
            () -> AuthorizationBrowser.printing(out).authorize(request, redirect));

    // The person reads the address and their browser comes back on the redirect URI.
    org.awaitility.Awaitility.await()
        .until(() -> printed.toString(StandardCharsets.UTF_8).contains(request.toString()));
    openInBrowser.accept(URI.create(redirect + "?code=typed&state=s"));

    assertThat(result.get()).isEqualTo(URI.create(redirect + "?code=typed&state=s"));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith("Open this address in a browser to authorize: " + request);
  }

  @Test
  void refusesRedirectUrisItCannotListenOnAndNonWebAuthorizationRequests() throws Exception {
    AuthorizationBrowser loopback =
        AuthorizationBrowser.loopback(request -> {}, Duration.ofSeconds(1));
    URI request = URI.create(as.origin + "/authorize");

    assertThatThrownBy(() -> loopback.authorize(request, URI.create("https://127.0.0.1:8976/cb")))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("redirect URI like http://127.0.0.1:PORT/callback");
    assertThatThrownBy(() -> loopback.authorize(request, URI.create("http://example.com:8976/cb")))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("only on 127.0.0.1, [::1] or localhost");
    assertThatThrownBy(() -> loopback.authorize(request, URI.create("http://127.0.0.1/cb")))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("PORT");
    URI redirect = URI.create("http://127.0.0.1:" + freePort() + "/cb");
    for (String address :
        List.of("file:///etc/passwd", "javascript:alert(1)", "http://example.com/authorize")) {
      assertThatThrownBy(() -> loopback.authorize(URI.create(address), redirect))
          .as(address)
          .isInstanceOf(McpClientException.class)
          .hasMessageContaining("not an https address");
    }
  }

  @Test
  void aSecondAuthorizationOnABusyPortFailsClearly() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      URI redirect = URI.create("http://127.0.0.1:" + busy.getLocalPort() + "/cb");
      AuthorizationBrowser loopback =
          AuthorizationBrowser.loopback(request -> {}, Duration.ofSeconds(1));

      assertThatThrownBy(() -> loopback.authorize(URI.create(as.origin + "/authorize"), redirect))
          .isInstanceOf(McpClientException.class)
          .hasMessageContaining("cannot listen on the redirect URI " + redirect);
    }
  }

  @Test
  void theSystemBrowserCommandPerPlatformTakesTheAddressAsOneArgument() {
    String address = "https://as.example/authorize?a=1&b=2";
    assertThat(SystemBrowser.command("Linux", address)).containsExactly("xdg-open", address);
    assertThat(SystemBrowser.command("Mac OS X", address)).containsExactly("open", address);
    assertThat(SystemBrowser.command("Windows 11", address))
        .containsExactly("rundll32", "url.dll,FileProtocolHandler", address);
  }
}
