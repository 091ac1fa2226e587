#!/usr/bin/env node
// Independent MCP peer for mcpkit's interop tests: the official TypeScript SDK client
// (Client + StreamableHTTPClientTransport) driving one session against a server.
//
// Usage: node ts-client.mjs [options] URL
//   --progress-tool NAME   tool that reports progress        (default test_tool_with_progress)
//   --sampling-tool NAME   tool that sends sampling/createMessage (default test_sampling)
//   --sampling-prompt TEXT argument "prompt" of the sampling tool (default "Test prompt for sampling")
//   --plain-tool NAME      plain tool                             (default test_simple_text)
//   --plain-args JSON      arguments of the plain tool            (default {})
//   --sampling-reply TEXT  text of the canned sampling answer (default "This is a test response from the client")
//   --timeout MS           per-request timeout (default 30000)
//   --no-terminate         leave the session alive (skip the DELETE)
//
// Steps: initialize (connect), tools/list, call the progress tool with a progress token, call the
// sampling tool and answer the server's sampling/createMessage with the canned reply, call the plain
// tool, DELETE the session (transport.terminateSession()), close.
//
// Prints exactly one JSON object on stdout and exits 0:
//   {"sessionId","protocolVersion","serverInfo","serverCapabilities","tools":[names],
//    "progress":[{progress,total,message}],"progressResult","samplingRequests":[...],
//    "samplingAnswered":true,"samplingResult","callResult","terminated":true,"closed":true}
// On any failure prints "ts-client: <error>" on stderr and exits 1.
// Runs on Node 20 (the machine's node) and Node 22.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';

function parseArgs(argv) {
  const opts = {
    progressTool: 'test_tool_with_progress',
    samplingTool: 'test_sampling',
    samplingPrompt: 'Test prompt for sampling',
    plainTool: 'test_simple_text',
    plainArgs: '{}',
    samplingReply: 'This is a test response from the client',
    timeout: 30_000,
    terminate: true,
    url: undefined
  };
  const valued = {
    '--progress-tool': 'progressTool',
    '--sampling-tool': 'samplingTool',
    '--sampling-prompt': 'samplingPrompt',
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
    } else if (a === '--no-terminate') {
      opts.terminate = false;
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else if (opts.url === undefined) {
      opts.url = a;
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if (!opts.url) throw new Error('usage: node ts-client.mjs [options] URL');
  try {
    opts.plainArgs = JSON.parse(opts.plainArgs);
  } catch {
    throw new Error(`--plain-args is not JSON: ${opts.plainArgs}`);
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`ts-client: ${error.message}\n`);
    process.exit(1);
  }
  const summary = {};
  const requestOptions = { timeout: opts.timeout };

  const client = new Client(
    { name: 'mcpkit-interop-ts-client', version: '1.0.0' },
    { capabilities: { sampling: {} } }
  );
  client.onerror = (error) => process.stderr.write(`ts-client: (transport) ${error?.message ?? error}\n`);

  // Canned answer to the server's sampling/createMessage.
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

  const transport = new StreamableHTTPClientTransport(new URL(opts.url));
  try {
    await client.connect(transport, requestOptions);
    summary.sessionId = transport.sessionId ?? null;
    summary.protocolVersion = transport.protocolVersion ?? null;
    summary.serverInfo = client.getServerVersion() ?? null;
    summary.serverCapabilities = client.getServerCapabilities() ?? null;

    const listed = await client.listTools(undefined, requestOptions);
    summary.tools = listed.tools.map((t) => t.name);

    // Progress: onprogress makes the SDK send _meta.progressToken (the request id) and route the
    // server's notifications/progress back here.
    const progress = [];
    const progressResult = await client.request(
      { method: 'tools/call', params: { name: opts.progressTool, arguments: {} } },
      CallToolResultSchema,
      { ...requestOptions, onprogress: (p) => progress.push(p) }
    );
    summary.progress = progress;
    summary.progressResult = progressResult;
    if (progressResult.isError) throw new Error(`${opts.progressTool} failed: ${JSON.stringify(progressResult)}`);

    const samplingResult = await client.callTool(
      { name: opts.samplingTool, arguments: { prompt: opts.samplingPrompt } },
      CallToolResultSchema,
      requestOptions
    );
    summary.samplingRequests = samplingRequests;
    summary.samplingAnswered = samplingRequests.length > 0;
    summary.samplingResult = samplingResult;
    if (samplingResult.isError) throw new Error(`${opts.samplingTool} failed: ${JSON.stringify(samplingResult)}`);

    const callResult = await client.callTool({ name: opts.plainTool, arguments: opts.plainArgs }, CallToolResultSchema, requestOptions);
    summary.callResult = callResult;
    if (callResult.isError) throw new Error(`${opts.plainTool} failed: ${JSON.stringify(callResult)}`);

    if (opts.terminate) {
      // DELETE with Mcp-Session-Id; the SDK treats 405 (server does not allow it) as success.
      await transport.terminateSession();
      summary.terminated = transport.sessionId === undefined;
    } else {
      summary.terminated = false;
    }
  } finally {
    await client.close().catch(() => {});
    summary.closed = true;
  }

  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`ts-client: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
);
