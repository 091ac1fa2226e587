#!/usr/bin/env node
// Reference client for the conformance suite's client scenarios, on the official TypeScript SDK:
// proves run-conformance-client.sh end to end and shows what the mcpkit Java client must do per
// scenario. Invoked by the suite as: node ts-conformance-client.mjs URL, with MCP_CONFORMANCE_SCENARIO set.
//   initialize                          connect, tools/list
//   tools_call                          connect, call add_numbers {a: 2, b: 3}
//   sse-retry                           connect, call test_reconnection (the SDK honours retry and
//                                       resumes with GET + Last-Event-ID)
//   elicitation-sep1034-client-defaults capability elicitation.form.applyDefaults (SDK 1.32 reads it
//                                       there), answer accept with {},
//                                       call test_client_elicitation_defaults
// Exits 0 when the scenario's calls succeeded, 1 otherwise (stderr says why).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const url = process.argv[process.argv.length - 1];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO;

async function run() {
  const elicitationDefaults = scenario === 'elicitation-sep1034-client-defaults';
  const client = new Client(
    { name: 'mcpkit-interop-ts-conformance-client', version: '1.0.0' },
    { capabilities: elicitationDefaults ? { elicitation: { form: { applyDefaults: true } } } : {} }
  );
  if (elicitationDefaults) {
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: {} }));
  }
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  try {
    const call = async (name, args) => {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError) throw new Error(`${name} returned isError: ${JSON.stringify(result)}`);
      process.stderr.write(`${name}: ${JSON.stringify(result)}\n`);
    };
    switch (scenario) {
      case 'initialize':
        await client.listTools();
        break;
      case 'tools_call':
        await client.listTools();
        await call('add_numbers', { a: 2, b: 3 });
        break;
      case 'sse-retry':
        await call('test_reconnection', {});
        break;
      case 'elicitation-sep1034-client-defaults':
        await call('test_client_elicitation_defaults', {});
        break;
      default:
        throw new Error(`unsupported scenario: ${scenario}`);
    }
  } finally {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
}

run().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`ts-conformance-client: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
);
