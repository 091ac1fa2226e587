#!/usr/bin/env node
// Independent MCP peer for mcpkit's stdio interop test: the official TypeScript SDK client
// (Client + StdioClientTransport) spawning a server as a child process and driving one session.
//
// Usage: node ts-stdio-client.mjs [options] -- COMMAND [ARGS...]
//   --progress-tool NAME   tool that reports progress             (default test_tool_with_progress)
//   --sampling-tool NAME   tool that sends sampling/createMessage (default test_sampling)
//   --sampling-prompt TEXT argument "prompt" of the sampling tool (default "Test prompt for sampling")
//   --plain-tool NAME      plain tool                             (default test_simple_text)
//   --plain-args JSON      arguments of the plain tool            (default {})
//   --sampling-reply TEXT  text of the canned sampling answer (default "This is a test response from the client")
//   --timeout MS           per-request timeout (default 30000)
//
// Steps: spawn and initialize (connect), tools/list, call the progress tool with a progress token,
// call the sampling tool and answer the server's sampling/createMessage with the canned reply, call
// the plain tool, close (the SDK ends the child's stdin, then sends SIGTERM after 2 s).
//
// Prints exactly one JSON object on stdout and exits 0:
//   {"protocolVersion","serverInfo","serverCapabilities","tools":[names],
//    "progress":[{progress,total,message}],"lateProgress":[{progressToken,progress,total,message}],
//    "progressResult","samplingRequests":[...],
//    "samplingAnswered":true,"samplingResult","callResult","closed":true,
//    "childExit":{"code","signal"},"closeMillis"}
// childExit is how the child ended after close: {"code":0,"signal":null} when it exited by itself
// at the end of its input. On any failure prints "ts-stdio-client: <error>" on stderr and exits 1.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
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
    command: undefined
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
    if (a === '--') {
      opts.command = argv.slice(i + 1);
      break;
    } else if (a in valued) {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      opts[valued[a]] = a === '--timeout' ? Number(argv[++i]) : argv[++i];
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  if (!opts.command || opts.command.length === 0) {
    throw new Error('usage: node ts-stdio-client.mjs [options] -- COMMAND [ARGS...]');
  }
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
    process.stderr.write(`ts-stdio-client: ${error.message}\n`);
    process.exit(1);
  }
  const summary = {};
  const requestOptions = { timeout: opts.timeout };

  const client = new Client(
    { name: 'mcpkit-interop-ts-stdio-client', version: '1.0.0' },
    { capabilities: { sampling: {} } }
  );
  // The SDK runs a notification's handler in a microtask but a response's at once: when a call's
  // last progress notification and its result arrive in one read from the pipe, the result
  // removes the progress handler first and the SDK reports the notification as an error (SDK
  // 1.32.2, Protocol._onnotification/_onprogress). Keep those notifications as "lateProgress", so
  // the test can tell a server that never sent them from a client that saw them too late.
  const lateProgress = [];
  const lateProgressPrefix = 'Received a progress notification for an unknown token: ';
  client.onerror = (error) => {
    const message = `${error?.message ?? error}`;
    if (message.startsWith(lateProgressPrefix)) {
      lateProgress.push(JSON.parse(message.slice(lateProgressPrefix.length)).params);
      return;
    }
    process.stderr.write(`ts-stdio-client: (transport) ${message}\n`);
  };

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

  const [command, ...args] = opts.command;
  // stderr: 'inherit' puts the server's log in this script's stderr (the test log).
  const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
  // The client tells a transport the negotiated version through setProtocolVersion, which the
  // stdio transport does not define: record it here.
  transport.setProtocolVersion = (version) => {
    summary.protocolVersion = version;
  };
  let childExit;
  try {
    await client.connect(transport, requestOptions);
    // The SDK keeps the child private; its exit status is what proves a clean end of input.
    const child = transport._process;
    childExit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    summary.serverInfo = client.getServerVersion() ?? null;
    summary.serverCapabilities = client.getServerCapabilities() ?? null;

    const listed = await client.listTools(undefined, requestOptions);
    summary.tools = listed.tools.map((t) => t.name);

    const progress = [];
    const progressResult = await client.request(
      { method: 'tools/call', params: { name: opts.progressTool, arguments: {} } },
      CallToolResultSchema,
      { ...requestOptions, onprogress: (p) => progress.push(p) }
    );
    summary.progress = progress;
    summary.lateProgress = lateProgress;
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
  } finally {
    const started = Date.now();
    await client.close().catch(() => {});
    summary.closeMillis = Date.now() - started;
    summary.closed = true;
  }
  summary.childExit = childExit ? await childExit : null;

  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`ts-stdio-client: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
);
