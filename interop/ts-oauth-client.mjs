#!/usr/bin/env node
// The official MCP TypeScript SDK client (1.32.2) with its OAuth support against a protected MCP
// server, for mcpkit's authorization interop test. The SDK does the discovery (401 ->
// WWW-Authenticate resource_metadata -> Protected Resource Metadata -> authorization server
// metadata), PKCE and the RFC 8707 resource parameter; this script is its user agent: the
// authorization endpoint of oauth2-mock-server redirects at once with a code, so following that
// redirect headlessly stands in for a browser. The client is pre-registered (client_id
// "ts-oauth-client", public, token_endpoint_auth_method none).
//
// Usage: node ts-oauth-client.mjs URL [TOOL]
//   URL   the MCP endpoint
//   TOOL  a tool without arguments to call (default test_simple_text)
//
// Prints one JSON object on stdout and exits 0:
//   {"firstConnect":"unauthorized","authorization":{"resource","scope","codeChallengeMethod"},
//    "token":{"scope","tokenType"},"tools":[names],"callResult":{...}}
// On any failure prints "ts-oauth-client: <error>" on stderr and exits 1.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [url, tool = 'test_simple_text'] = process.argv.slice(2);
if (!url) {
  console.error('ts-oauth-client: usage: node ts-oauth-client.mjs URL [TOOL]');
  process.exit(1);
}

// Never served: the code is read from the authorization endpoint's Location header.
const redirectUrl = 'http://127.0.0.1:9/callback';

class HeadlessProvider {
  clientInfo = { client_id: 'ts-oauth-client' };
  savedTokens = undefined;
  verifier = undefined;
  authorizationUrl = undefined;

  get redirectUrl() {
    return redirectUrl;
  }
  get clientMetadata() {
    return {
      client_name: 'ts-oauth-client',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none'
    };
  }
  clientInformation() {
    return this.clientInfo;
  }
  saveClientInformation(info) {
    this.clientInfo = info;
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens) {
    this.savedTokens = tokens;
  }
  redirectToAuthorization(authorizationUrl) {
    this.authorizationUrl = authorizationUrl;
  }
  saveCodeVerifier(verifier) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

async function main() {
  const provider = new HeadlessProvider();
  const summary = {};

  const first = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  try {
    await new Client({ name: 'ts-oauth-client', version: '1.0.0' }).connect(first);
    throw new Error('the server let an unauthenticated client in');
  } catch (e) {
    if (!(e instanceof UnauthorizedError) || provider.authorizationUrl === undefined) throw e;
    summary.firstConnect = 'unauthorized';
  }

  const authorizationUrl = provider.authorizationUrl;
  summary.authorization = {
    resource: authorizationUrl.searchParams.get('resource'),
    scope: authorizationUrl.searchParams.get('scope'),
    codeChallengeMethod: authorizationUrl.searchParams.get('code_challenge_method')
  };
  const redirect = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = redirect.headers.get('location');
  if (redirect.status < 300 || redirect.status >= 400 || !location) {
    throw new Error(`the authorization endpoint answered ${redirect.status}, not a redirect`);
  }
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in the redirect: ${location}`);
  await first.finishAuth(code);
  summary.token = { scope: provider.savedTokens?.scope, tokenType: provider.savedTokens?.token_type };

  const client = new Client({ name: 'ts-oauth-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  await client.connect(transport);
  summary.tools = (await client.listTools()).tools.map((t) => t.name);
  summary.callResult = await client.callTool({ name: tool, arguments: {} });
  await transport.terminateSession();
  await client.close();
  process.stdout.write(JSON.stringify(summary) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`ts-oauth-client: ${e?.stack ?? e}`);
    process.exit(1);
  }
);
