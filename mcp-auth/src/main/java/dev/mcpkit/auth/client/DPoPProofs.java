package dev.mcpkit.auth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.mcpkit.api.client.McpClientException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * DPoP (RFC 9449): one ES256 key per client, a fresh proof per request, and the nonces the
 * authorization server and the MCP server asked for.
 *
 * <p>Thread-safety: thread-safe. The factory is; the nonces are volatile, the latest one wins.
 */
final class DPoPProofs {
  private final DefaultDPoPProofFactory factory;
  private volatile @Nullable Nonce serverNonce;
  private volatile @Nullable Nonce authServerNonce;

  DPoPProofs() {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).generate();
      this.factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
    } catch (JOSEException e) {
      throw new McpClientException("cannot create a DPoP key", e);
    }
  }

  /** A proof for a request to the MCP server, bound to the access token. */
  String forServer(String method, URI uri, String accessToken) {
    try {
      return factory
          .createDPoPJWT(method, withoutQuery(uri), new DPoPAccessToken(accessToken), serverNonce)
          .serialize();
    } catch (JOSEException e) {
      throw new McpClientException("cannot sign a DPoP proof", e);
    }
  }

  /** A proof for a token request. */
  SignedJWT forTokenRequest(URI tokenEndpoint) {
    try {
      return factory.createDPoPJWT("POST", withoutQuery(tokenEndpoint), authServerNonce);
    } catch (JOSEException e) {
      throw new McpClientException("cannot sign a DPoP proof", e);
    }
  }

  void serverNonce(Nonce nonce) {
    this.serverNonce = nonce;
  }

  void authServerNonce(Nonce nonce) {
    this.authServerNonce = nonce;
  }

  private static URI withoutQuery(URI uri) {
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
  }
}
