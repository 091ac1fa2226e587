// Connects the official MCP TypeScript SDK client to an mcpkit HelloServer and checks each step.
// Usage: node hello-client.mjs http://127.0.0.1:PORT/mcp   (exit code 1 on the first failed check)
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = new URL(process.argv[2]);
const client = new Client({ name: "mcpkit-interop", version: "0.0.1" });
const transport = new StreamableHTTPClientTransport(url);

await client.connect(transport);
assert.equal(client.getServerVersion().name, "hello");
assert.equal(transport.protocolVersion, "2025-11-25");
const sessionId = transport.sessionId;
assert.ok(sessionId, "the server issued a session id");
console.log("connected, session", sessionId);

const { tools } = await client.listTools();
assert.deepEqual(tools.map((t) => t.name), ["greet"]);
assert.equal(tools[0].inputSchema.required[0], "name");

const greeting = await client.callTool({ name: "greet", arguments: { name: "Ada" } });
assert.deepEqual(greeting.content, [{ type: "text", text: "Hello, Ada!" }]);
const failed = await client.callTool({ name: "greet", arguments: {} });
assert.equal(failed.isError, true);
await client.ping();
console.log("tools/list, tools/call and ping ok");

await transport.terminateSession();
const after = await fetch(url, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
    "Mcp-Session-Id": sessionId,
    "MCP-Protocol-Version": "2025-11-25",
  },
  body: JSON.stringify({ jsonrpc: "2.0", id: 99, method: "ping" }),
});
assert.equal(after.status, 404);
console.log("DELETE ended the session: later requests get 404");
await client.close();
