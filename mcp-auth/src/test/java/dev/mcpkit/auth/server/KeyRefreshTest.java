package dev.mcpkit.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys are fetched once and cached; tokens naming unknown keys refetch them at most once per
 * refresh interval (the default 30 s here), so a flood of forged {@code kid}s is not a flood of
 * fetches at the authorization server.
 */
class KeyRefreshTest {

  @Test
  void unknownKeysRefetchTheKeySetAtMostOncePerInterval() throws Exception {
    try (MockAuthorizationServer as = new MockAuthorizationServer();
        ProtectedServer server = new ProtectedServer(as.issuer, builder -> {});
        RawClient client = new RawClient(server.endpoint)) {
      String good = as.token(Map.of("sub", "alice", "aud", server.endpoint.toString()));
      assertThat(client.post(good, null, RawClient.initialize(1)).statusCode()).isEqualTo(200);
      assertThat(as.jwksFetches()).as("the first token fetches the keys").isEqualTo(1);

      for (int i = 0; i < 20; i++) {
        HttpResponse<String> forged =
            client.post(forged(as, server, "forged-" + i), null, RawClient.initialize(1));
        assertThat(forged.statusCode()).isEqualTo(401);
      }
      String again = as.token(Map.of("sub", "bob", "aud", server.endpoint.toString()));
      assertThat(client.post(again, null, RawClient.initialize(1)).statusCode()).isEqualTo(200);

      assertThat(as.jwksFetches())
          .as("20 unknown kids within the 30 s interval: one refetch at most")
          .isBetween(1, 2);
    }
  }

  private static String forged(MockAuthorizationServer as, ProtectedServer server, String kid)
      throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
            new JWTClaimsSet.Builder()
                .issuer(as.issuer.toString())
                .subject("mallory")
                .audience(server.endpoint.toString())
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
