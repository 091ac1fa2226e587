#!/usr/bin/env node
// Independent MCP peer for mcpkit's interop tests: the official TypeScript SDK server
// (McpServer + StreamableHTTPServerTransport, one transport per session, in-memory event store for
// resumability) serving the tools, resources and prompts of the conformance suite's "everything" server
// contract (see EVERYTHING-SERVER.md), plus a few extras for mcpkit's Java client tests.
//
// Usage: node ts-server.mjs [PORT] [--host 127.0.0.1] [--retry-interval MS] [--session-version-priming] [--quiet]
//   PORT defaults to 0 (a free port). --retry-interval is the SSE retry field in ms (default 1000).
//   --session-version-priming: before the SDK sees a request of an established session, replace its
//   MCP-Protocol-Version header with the version negotiated at initialize. The SDK decides per request
//   whether to send the SSE priming event (only for >= 2025-11-25), and conformance 0.1.16 sends
//   2025-03-26 in its raw SSE requests; with this flag the server primes by the session's version, which
//   is what mcpkit does, and the server-sse-polling scenario passes fully. Off by default (plain SDK).
//   Once listening it prints exactly one line on stdout:
//     MCP endpoint: http://HOST:PORT/mcp
//   Diagnostics go to stderr (silenced with --quiet). SIGINT/SIGTERM close every session and exit 0.
//
// Runs on Node 20 (the machine's node) and Node 22.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { toJsonSchemaCompat } from '@modelcontextprotocol/sdk/server/zod-json-schema-compat.js';
import {
  ListToolsRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  isInitializeRequest,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
let port = 0;
let host = '127.0.0.1';
let retryInterval = 1000;
let quiet = false;
let sessionVersionPriming = false;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--host') host = argv[++i];
  else if (a === '--port') port = Number(argv[++i]);
  else if (a === '--retry-interval') retryInterval = Number(argv[++i]);
  else if (a === '--quiet') quiet = true;
  else if (a === '--session-version-priming') sessionVersionPriming = true;
  else if (/^\d+$/.test(a)) port = Number(a);
  else {
    process.stderr.write(`ts-server: unknown argument ${a}\n`);
    process.exit(2);
  }
}
const log = (...args) => {
  if (!quiet) process.stderr.write(`[ts-server] ${args.join(' ')}\n`);
};

// ---------------------------------------------------------------------------------------------
// Fixed payloads (same values as the conformance suite's reference everything server)
// ---------------------------------------------------------------------------------------------
// 1x1 PNG pixel
const TEST_IMAGE_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
// Minimal WAV file
const TEST_AUDIO_BASE64 = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

const JSON_SCHEMA_2020_12_INPUT_SCHEMA = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } }
    }
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' }
  },
  additionalProperties: false
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (t) => ({ type: 'text', text: t });

// ---------------------------------------------------------------------------------------------
// Event store: one per session; event ids are "<streamId>_<seq>" with a session-wide sequence, so
// replay returns exactly the events of the stream the Last-Event-ID belongs to, in order.
// ---------------------------------------------------------------------------------------------
function createEventStore(maxEvents = 10_000) {
  const events = new Map(); // eventId -> { streamId, seq, message }
  const streamOf = (eventId) => {
    const cut = eventId.lastIndexOf('_');
    return cut > 0 ? eventId.slice(0, cut) : undefined;
  };
  const seqOf = (eventId) => Number(eventId.slice(eventId.lastIndexOf('_') + 1));
  let seq = 0;
  return {
    async storeEvent(streamId, message) {
      const eventId = `${streamId}_${++seq}`;
      events.set(eventId, { streamId, seq, message });
      if (events.size > maxEvents) events.delete(events.keys().next().value);
      return eventId;
    },
    async getStreamIdForEventId(eventId) {
      const e = events.get(eventId);
      return e ? e.streamId : streamOf(eventId);
    },
    async replayEventsAfter(lastEventId, { send }) {
      const streamId = streamOf(lastEventId);
      if (!streamId) throw new Error(`Unknown event id ${lastEventId}`);
      const after = seqOf(lastEventId);
      for (const [eventId, e] of events) {
        // Priming events are stored as {} and carry no message worth replaying.
        if (e.streamId === streamId && e.seq > after && Object.keys(e.message).length > 0) {
          await send(eventId, e.message);
        }
      }
      return streamId;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// One McpServer per session
// ---------------------------------------------------------------------------------------------
function createMcpServer(sessionState) {
  const mcp = new McpServer(
    { name: 'mcpkit-interop-ts-server', version: '1.0.0' },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {}
      }
    }
  );
  const tools = new Map(); // name -> RegisteredTool, for the tools/list override below
  const tool = (name, config, cb) => tools.set(name, mcp.registerTool(name, config, cb));

  // ----- tools of the conformance contract ---------------------------------------------------
  tool('test_simple_text', { description: 'Tests simple text content response' }, async () => ({
    content: [text('This is a simple text response for testing.')]
  }));

  tool('test_image_content', { description: 'Tests image content response' }, async () => ({
    content: [{ type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' }]
  }));

  tool('test_audio_content', { description: 'Tests audio content response' }, async () => ({
    content: [{ type: 'audio', data: TEST_AUDIO_BASE64, mimeType: 'audio/wav' }]
  }));

  tool('test_embedded_resource', { description: 'Tests embedded resource content response' }, async () => ({
    content: [
      {
        type: 'resource',
        resource: {
          uri: 'test://embedded-resource',
          mimeType: 'text/plain',
          text: 'This is an embedded resource content.'
        }
      }
    ]
  }));

  tool(
    'test_multiple_content_types',
    { description: 'Tests response with multiple content types (text, image, resource)' },
    async () => ({
      content: [
        text('Multiple content types test:'),
        { type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 })
          }
        }
      ]
    })
  );

  tool(
    'test_tool_with_logging',
    { description: 'Tests tool that emits log messages during execution', inputSchema: {} },
    async (_args, extra) => {
      const steps = ['Tool execution started', 'Tool processing data', 'Tool execution completed'];
      for (let i = 0; i < steps.length; i++) {
        if (i > 0) await sleep(50);
        await extra.sendNotification({
          method: 'notifications/message',
          params: { level: 'info', logger: 'conformance-test-server', data: steps[i] }
        });
      }
      return { content: [text('Tool with logging executed successfully')] };
    }
  );

  tool(
    'test_tool_with_progress',
    { description: 'Tests tool that reports progress notifications', inputSchema: {} },
    async (_args, extra) => {
      const progressToken = extra._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (progress > 0) await sleep(50);
        if (progressToken !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` }
          });
        }
      }
      return { content: [text(String(progressToken ?? 'no progress token'))] };
    }
  );

  tool('test_error_handling', { description: 'Tests error response handling' }, async () => {
    // McpServer turns a thrown error into a CallToolResult with isError: true.
    throw new Error('This tool intentionally returns an error for testing');
  });

  tool(
    'test_reconnection',
    {
      description:
        'Tests SSE stream disconnection and client reconnection (SEP-1699). Server will close the stream mid-call and send the result after client reconnects.',
      inputSchema: {}
    },
    async (_args, extra) => {
      // Closes this request's SSE stream (the client saw the priming event with an id and a retry
      // field), then answers; the answer waits in the event store until the client resumes with
      // GET + Last-Event-ID.
      extra.closeSSEStream?.();
      await sleep(100);
      return {
        content: [
          text(
            'Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.'
          )
        ]
      };
    }
  );

  tool(
    'test_sampling',
    {
      description: 'Tests server-initiated sampling (LLM completion request)',
      inputSchema: { prompt: z.string().describe('The prompt to send to the LLM') }
    },
    async ({ prompt }, extra) => {
      try {
        const result = await mcp.server.createMessage(
          { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 },
          { relatedRequestId: extra.requestId }
        );
        const content = Array.isArray(result.content) ? result.content[0] : result.content;
        return { content: [text(`LLM response: ${content?.text ?? 'No response'}`)] };
      } catch (error) {
        return { content: [text(`Sampling not supported or error: ${error.message}`)], isError: true };
      }
    }
  );

  const elicit = (extra, params) => mcp.server.elicitInput(params, { relatedRequestId: extra.requestId });

  tool(
    'test_elicitation',
    {
      description: 'Tests server-initiated elicitation (user input request)',
      inputSchema: { message: z.string().describe('The message to show the user') }
    },
    async ({ message }, extra) => {
      try {
        const r = await elicit(extra, {
          message,
          requestedSchema: {
            type: 'object',
            properties: {
              username: { type: 'string', description: "User's response" },
              email: { type: 'string', description: "User's email address" }
            },
            required: ['username', 'email']
          }
        });
        return { content: [text(`User response: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`)] };
      } catch (error) {
        return { content: [text(`Elicitation not supported or error: ${error.message}`)], isError: true };
      }
    }
  );

  tool(
    'test_elicitation_sep1034_defaults',
    { description: 'Tests elicitation with default values per SEP-1034', inputSchema: {} },
    async (_args, extra) => {
      try {
        const r = await elicit(extra, {
          message: 'Please review and update the form fields with defaults',
          requestedSchema: {
            type: 'object',
            properties: {
              name: { type: 'string', description: 'User name', default: 'John Doe' },
              age: { type: 'integer', description: 'User age', default: 30 },
              score: { type: 'number', description: 'User score', default: 95.5 },
              status: {
                type: 'string',
                description: 'User status',
                enum: ['active', 'inactive', 'pending'],
                default: 'active'
              },
              verified: { type: 'boolean', description: 'Verification status', default: true }
            },
            required: []
          }
        });
        return {
          content: [text(`Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`)]
        };
      } catch (error) {
        return { content: [text(`Elicitation not supported or error: ${error.message}`)], isError: true };
      }
    }
  );

  tool(
    'test_elicitation_sep1330_enums',
    { description: 'Tests elicitation with enum schema improvements per SEP-1330', inputSchema: {} },
    async (_args, extra) => {
      try {
        const r = await elicit(extra, {
          message: 'Please select options from the enum fields',
          requestedSchema: {
            type: 'object',
            properties: {
              untitledSingle: {
                type: 'string',
                description: 'Select one option',
                enum: ['option1', 'option2', 'option3']
              },
              titledSingle: {
                type: 'string',
                description: 'Select one option with titles',
                oneOf: [
                  { const: 'value1', title: 'First Option' },
                  { const: 'value2', title: 'Second Option' },
                  { const: 'value3', title: 'Third Option' }
                ]
              },
              legacyEnum: {
                type: 'string',
                description: 'Select one option (legacy)',
                enum: ['opt1', 'opt2', 'opt3'],
                enumNames: ['Option One', 'Option Two', 'Option Three']
              },
              untitledMulti: {
                type: 'array',
                description: 'Select multiple options',
                minItems: 1,
                maxItems: 3,
                items: { type: 'string', enum: ['option1', 'option2', 'option3'] }
              },
              titledMulti: {
                type: 'array',
                description: 'Select multiple options with titles',
                minItems: 1,
                maxItems: 3,
                items: {
                  anyOf: [
                    { const: 'value1', title: 'First Choice' },
                    { const: 'value2', title: 'Second Choice' },
                    { const: 'value3', title: 'Third Choice' }
                  ]
                }
              }
            },
            required: []
          }
        });
        return {
          content: [text(`Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`)]
        };
      } catch (error) {
        return { content: [text(`Elicitation not supported or error: ${error.message}`)], isError: true };
      }
    }
  );

  tool(
    'json_schema_2020_12_tool',
    {
      description: 'Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)',
      inputSchema: {
        name: z.string().optional(),
        address: z.object({ street: z.string().optional(), city: z.string().optional() }).optional()
      }
    },
    async (args) => ({ content: [text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`)] })
  );

  // ----- extras for mcpkit's Java client tests ------------------------------------------------
  tool(
    'echo',
    {
      description: 'Echoes the message back as text and as structured content',
      inputSchema: { message: z.string().describe('Text to echo') },
      outputSchema: { message: z.string() }
    },
    async ({ message }) => ({ content: [text(message)], structuredContent: { message } })
  );

  // The tool of the conformance client scenario "tools_call".
  tool(
    'add_numbers',
    {
      description: 'Adds two numbers',
      inputSchema: { a: z.number().describe('First number'), b: z.number().describe('Second number') }
    },
    async ({ a, b }) => ({ content: [text(`The sum of ${a} and ${b} is ${a + b}`)] })
  );

  // Sleeps for ms (default 10000) unless cancelled; reports whether the cancellation reached it.
  tool(
    'slow',
    {
      description: 'Sleeps for ms milliseconds (default 10000); ends early when the request is cancelled',
      inputSchema: { ms: z.number().int().min(0).optional() }
    },
    async ({ ms }, extra) => {
      const wait = ms ?? 10_000;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, wait);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return { content: [text(extra.signal.aborted ? 'cancelled' : `slept ${wait} ms`)] };
    }
  );

  // tools/list: the SDK's own listing, except json_schema_2020_12_tool whose raw 2020-12 schema
  // ($schema, $defs, additionalProperties) must reach the client unchanged (scenario json-schema-2020-12).
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...tools.entries()]
      .filter(([, t]) => t.enabled)
      .map(([name, t]) => {
        if (name === 'json_schema_2020_12_tool') {
          return { name, description: t.description, inputSchema: JSON_SCHEMA_2020_12_INPUT_SCHEMA };
        }
        const entry = {
          name,
          description: t.description,
          inputSchema: t.inputSchema
            ? toJsonSchemaCompat(t.inputSchema, { strictUnions: true, pipeStrategy: 'input' })
            : { type: 'object', properties: {} }
        };
        if (t.outputSchema) {
          entry.outputSchema = toJsonSchemaCompat(t.outputSchema, { strictUnions: true, pipeStrategy: 'output' });
        }
        if (t.title) entry.title = t.title;
        if (t.annotations) entry.annotations = t.annotations;
        return entry;
      })
  }));

  // ----- resources ---------------------------------------------------------------------------
  mcp.registerResource(
    'static-text',
    'test://static-text',
    { title: 'Static Text Resource', description: 'A static text resource for testing', mimeType: 'text/plain' },
    async () => ({
      contents: [
        { uri: 'test://static-text', mimeType: 'text/plain', text: 'This is the content of the static text resource.' }
      ]
    })
  );

  mcp.registerResource(
    'static-binary',
    'test://static-binary',
    {
      title: 'Static Binary Resource',
      description: 'A static binary resource (image) for testing',
      mimeType: 'image/png'
    },
    async () => ({ contents: [{ uri: 'test://static-binary', mimeType: 'image/png', blob: TEST_IMAGE_BASE64 }] })
  );

  mcp.registerResource(
    'template',
    new ResourceTemplate('test://template/{id}/data', { list: undefined }),
    {
      title: 'Resource Template',
      description: 'A resource template with parameter substitution',
      mimeType: 'application/json'
    },
    async (uri, { id }) => ({
      contents: [
        {
          uri: uri.toString(),
          mimeType: 'application/json',
          text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` })
        }
      ]
    })
  );

  mcp.registerResource(
    'watched-resource',
    'test://watched-resource',
    {
      title: 'Watched Resource',
      description: 'A resource that sends notifications/resources/updated while subscribed',
      mimeType: 'text/plain'
    },
    async () => ({
      contents: [{ uri: 'test://watched-resource', mimeType: 'text/plain', text: 'Watched resource content' }]
    })
  );

  // resources/subscribe and unsubscribe: track per session; while test://watched-resource is
  // subscribed, send notifications/resources/updated (standalone, i.e. on the GET stream) every 3 s,
  // the first one 100 ms after subscribing.
  mcp.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    const uri = request.params.uri;
    if (!sessionState.subscriptions.has(uri)) {
      const fire = () => mcp.server.sendResourceUpdated({ uri }).catch(() => {});
      const first = setTimeout(fire, 100);
      const every = setInterval(fire, 3000);
      sessionState.subscriptions.set(uri, () => {
        clearTimeout(first);
        clearInterval(every);
      });
    }
    return {};
  });
  mcp.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    const stop = sessionState.subscriptions.get(request.params.uri);
    if (stop) stop();
    sessionState.subscriptions.delete(request.params.uri);
    return {};
  });

  // ----- prompts -----------------------------------------------------------------------------
  mcp.registerPrompt(
    'test_simple_prompt',
    { title: 'Simple Test Prompt', description: 'A simple prompt without arguments' },
    async () => ({ messages: [{ role: 'user', content: text('This is a simple prompt for testing.') }] })
  );

  mcp.registerPrompt(
    'test_prompt_with_arguments',
    {
      title: 'Prompt With Arguments',
      description: 'A prompt with required arguments',
      argsSchema: {
        // completion/complete on arg1 offers these values filtered by prefix.
        arg1: completable(z.string().describe('First test argument'), (value) =>
          ['paris', 'park', 'party'].filter((v) => v.startsWith(value ?? ''))
        ),
        arg2: z.string().describe('Second test argument')
      }
    },
    async ({ arg1, arg2 }) => ({
      messages: [{ role: 'user', content: text(`Prompt with arguments: arg1='${arg1}', arg2='${arg2}'`) }]
    })
  );

  mcp.registerPrompt(
    'test_prompt_with_embedded_resource',
    {
      title: 'Prompt With Embedded Resource',
      description: 'A prompt that includes an embedded resource',
      argsSchema: { resourceUri: z.string().describe('URI of the resource to embed') }
    },
    async ({ resourceUri }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' }
          }
        },
        { role: 'user', content: text('Please process the embedded resource above.') }
      ]
    })
  );

  mcp.registerPrompt(
    'test_prompt_with_image',
    { title: 'Prompt With Image', description: 'A prompt that includes image content' },
    async () => ({
      messages: [
        { role: 'user', content: { type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' } },
        { role: 'user', content: text('Please analyze the image above.') }
      ]
    })
  );

  return mcp;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------
const sessions = new Map(); // sessionId -> { transport, mcp, state }

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
function hostnameOf(hostHeader) {
  if (!hostHeader) return undefined;
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  return hostHeader.split(':')[0].toLowerCase();
}
function originAllowed(origin) {
  if (!origin) return true;
  try {
    const u = new URL(origin);
    return LOCAL_HOSTNAMES.has(u.hostname.toLowerCase()) || u.hostname === '[::1]';
  } catch {
    return false;
  }
}

function jsonRpcError(res, status, code, message, headers = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

async function readJson(req, limit = 4 * 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('Parse error: invalid JSON'), { status: 400, code: -32700 });
  }
}

function closeSession(sessionId) {
  const s = sessions.get(sessionId);
  if (!s) return;
  sessions.delete(sessionId);
  for (const stop of s.state.subscriptions.values()) stop();
  s.state.subscriptions.clear();
  s.mcp.close().catch(() => {});
  log(`session ${sessionId} closed`);
}

function useSessionVersion(req, s) {
  const negotiated = s.mcp.server.getClientVersion() && s.negotiatedVersion();
  if (sessionVersionPriming && negotiated && req.headers['mcp-protocol-version']) {
    // The SDK's node adapter builds its Web Request from rawHeaders, so rewrite both views.
    req.headers['mcp-protocol-version'] = negotiated;
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() === 'mcp-protocol-version') req.rawHeaders[i + 1] = negotiated;
    }
  }
}

async function handleMcp(req, res) {
  const sessionId = req.headers['mcp-session-id'];
  if (req.method === 'POST') {
    let body;
    try {
      body = await readJson(req);
    } catch (e) {
      return jsonRpcError(res, e.status ?? 400, e.code ?? -32600, e.message);
    }
    if (sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return jsonRpcError(res, 404, -32001, 'Session not found');
      useSessionVersion(req, s);
      return s.transport.handleRequest(req, res, body);
    }
    const isInit = Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
    if (!isInit) return jsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    const requested = (Array.isArray(body) ? body.find((m) => isInitializeRequest(m)) : body).params?.protocolVersion;
    const state = {
      subscriptions: new Map(),
      // What the SDK answers: the requested version when supported, else its latest.
      protocolVersion: SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION
    };
    const mcp = createMcpServer(state);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: createEventStore(),
      retryInterval,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, mcp, state, negotiatedVersion: () => state.protocolVersion });
        log(`session ${id} initialized`);
      },
      onsessionclosed: (id) => closeSession(id)
    });
    transport.onclose = () => {
      if (transport.sessionId) closeSession(transport.sessionId);
    };
    await mcp.connect(transport);
    return transport.handleRequest(req, res, body);
  }
  if (req.method === 'GET' || req.method === 'DELETE') {
    if (!sessionId) return jsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    const s = sessions.get(sessionId);
    if (!s) return jsonRpcError(res, 404, -32001, 'Session not found');
    useSessionVersion(req, s);
    return s.transport.handleRequest(req, res);
  }
  return jsonRpcError(res, 405, -32000, 'Method not allowed', { Allow: 'GET, POST, DELETE' });
}

const httpServer = http.createServer(async (req, res) => {
  try {
    // DNS rebinding protection: loopback Host and (when present) loopback Origin only.
    if (!LOCAL_HOSTNAMES.has(hostnameOf(req.headers.host)) || !originAllowed(req.headers.origin)) {
      return jsonRpcError(res, 403, -32000, 'Forbidden: invalid Host or Origin header');
    }
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/health') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('ok\n');
    }
    if (path !== '/mcp') return jsonRpcError(res, 404, -32000, 'Not found');
    await handleMcp(req, res);
  } catch (error) {
    log(`error handling ${req.method} ${req.url}: ${error?.stack ?? error}`);
    jsonRpcError(res, 500, -32603, 'Internal server error');
  }
});

httpServer.listen(port, host, () => {
  const addr = httpServer.address();
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  process.stdout.write(`MCP endpoint: http://${shownHost}:${addr.port}/mcp\n`);
});

let shuttingDown = false;
async function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => process.exit(0), 2000).unref();
  for (const id of [...sessions.keys()]) {
    const s = sessions.get(id);
    await s?.transport.close().catch(() => {});
    closeSession(id);
  }
  httpServer.closeAllConnections?.();
  httpServer.close(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
