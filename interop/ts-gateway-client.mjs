#!/usr/bin/env node
// Independent MCP peer for mcpkit's gateway interop tests: the official TypeScript SDK client
// (Client + StreamableHTTPClientTransport) driving one session through the gateway, whatever the
// server behind it (tool names and arguments are options).
//
// Usage: node ts-gateway-client.mjs [options] URL
//   --progress-tool NAME      tool that reports progress              (required)
//   --progress-args JSON      its arguments                            (default {})
//   --sampling-tool NAME      tool that sends sampling/createMessage   (required)
//   --sampling-args JSON      its arguments                            (default {})
//   --elicitation-tool NAME   tool that sends elicitation/create       (optional)
//   --elicitation-args JSON   its arguments                            (default {})
//   --elicitation-reply JSON  content of the accepted elicitation      (default {})
//   --plain-tool NAME         plain tool                               (required)
//   --plain-args JSON         its arguments                            (default {})
//   --sampling-reply TEXT     text of the canned sampling answer (default "canned answer from the TS client")
//   --timeout MS              per-request timeout (default 20000)
//
// Steps: initialize (connect); tools/list, and resources/list and prompts/list when the server
// declares them; the progress tool with a progress token; the sampling tool, answering the
// server's sampling/createMessage; the elicitation tool if given, accepting with the reply; the
// plain tool; DELETE the session (transport.terminateSession()); close.
//
// Prints exactly one JSON object on stdout and exits 0:
//   {"sessionId","protocolVersion","serverInfo","serverCapabilities","tools":[names],
//    "resources":[uris]|null,"prompts":[names]|null,"progress":[{progress,total,message}],
//    "progressResult","samplingRequests":[...],"samplingResult","elicitationRequests":[...],
//    "elicitationResult"|null,"callResult","terminated":true,"closed":true}
// On any failure prints "ts-gateway-client: <error>" on stderr and exits 1.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema
} from '@modelcontextprotocol/sdk/types.js';

function parseArgs(argv) {
  const opts = {
    progressArgs: '{}',
    samplingArgs: '{}',
    elicitationArgs: '{}',
    elicitationReply: '{}',
    plainArgs: '{}',
    samplingReply: 'canned answer from the TS client',
    timeout: 20_000
  };
  const valued = {
    '--progress-tool': 'progressTool',
    '--progress-args': 'progressArgs',
    '--sampling-tool': 'samplingTool',
    '--sampling-args': 'samplingArgs',
    '--elicitation-tool': 'elicitationTool',
    '--elicitation-args': 'elicitationArgs',
    '--elicitation-reply': 'elicitationReply',
    '--plain-tool': 'plainTool',
    '--plain-args': 'plainArgs',
    '--sampling-reply': 'samplingReply',
    '--timeout': 'timeout'
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a in valued) {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      opts[valued[a]] = a === '--timeout' ? Number(argv[++i]) : argv[++i];
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else if (opts.url === undefined) {
      opts.url = a;
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if (!opts.url || !opts.progressTool || !opts.samplingTool || !opts.plainTool) {
    throw new Error(
      'usage: node ts-gateway-client.mjs --progress-tool NAME --sampling-tool NAME --plain-tool NAME [options] URL'
    );
  }
  for (const key of ['progressArgs', 'samplingArgs', 'elicitationArgs', 'elicitationReply', 'plainArgs']) {
    try {
      opts[key] = JSON.parse(opts[key]);
    } catch {
      throw new Error(`${key} is not JSON: ${opts[key]}`);
    }
  }
  return opts;
}

async function call(client, name, args, options) {
  const result = await client.callTool({ name, arguments: args }, CallToolResultSchema, options);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result)}`);
  return result;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`ts-gateway-client: ${error.message}\n`);
    process.exit(1);
  }
  const summary = {};
  const requestOptions = { timeout: opts.timeout };

  const client = new Client(
    { name: 'mcpkit-interop-ts-gateway-client', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: {} } }
  );
  client.onerror = (error) =>
    process.stderr.write(`ts-gateway-client: (transport) ${error?.message ?? error}\n`);

  const samplingRequests = [];
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    samplingRequests.push(request.params);
    return {
      role: 'assistant',
      content: { type: 'text', text: opts.samplingReply },
      model: 'mcpkit-interop-canned-model',
      stopReason: 'endTurn'
    };
  });
  const elicitationRequests = [];
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitationRequests.push(request.params);
    return { action: 'accept', content: opts.elicitationReply };
  });

  const transport = new StreamableHTTPClientTransport(new URL(opts.url));
  try {
    await client.connect(transport, requestOptions);
    summary.sessionId = transport.sessionId ?? null;
    summary.protocolVersion = transport.protocolVersion ?? null;
    summary.serverInfo = client.getServerVersion() ?? null;
    const capabilities = client.getServerCapabilities() ?? {};
    summary.serverCapabilities = capabilities;

    summary.tools = (await client.listTools(undefined, requestOptions)).tools.map((t) => t.name);
    summary.resources = capabilities.resources
      ? (await client.listResources(undefined, requestOptions)).resources.map((r) => r.uri)
      : null;
    summary.prompts = capabilities.prompts
      ? (await client.listPrompts(undefined, requestOptions)).prompts.map((p) => p.name)
      : null;

    const progress = [];
    summary.progressResult = await call(client, opts.progressTool, opts.progressArgs, {
      ...requestOptions,
      onprogress: (p) => progress.push(p)
    });
    summary.progress = progress;

    summary.samplingResult = await call(client, opts.samplingTool, opts.samplingArgs, requestOptions);
    summary.samplingRequests = samplingRequests;

    summary.elicitationResult = opts.elicitationTool
      ? await call(client, opts.elicitationTool, opts.elicitationArgs, requestOptions)
      : null;
    summary.elicitationRequests = elicitationRequests;

    summary.callResult = await call(client, opts.plainTool, opts.plainArgs, requestOptions);

    // DELETE with Mcp-Session-Id: the gateway ends the upstream sessions of this session.
    await transport.terminateSession();
    summary.terminated = transport.sessionId === undefined;
  } finally {
    await client.close().catch(() => {});
    summary.closed = true;
  }

  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`ts-gateway-client: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
);
