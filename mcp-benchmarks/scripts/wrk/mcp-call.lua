-- wrk script of scripts/wrk.sh: MCP tools/call of the echo tool in a closed loop, one request in
-- flight per connection (wrk's default), on a session opened by wrk.sh with curl (revisions up to
-- 2025-11-25) or sessionless (2026-07-28: Mcp-Method, Mcp-Name and the _meta of every request).
--   wrk ... -s mcp-call.lua URL -- PROTOCOL_VERSION SESSION_ID
-- done() prints one machine-readable line that wrk.sh reads:
--   WRK-RESULT requests duration_us p50_us p99_us p999_us errors
function init(args)
  local version, session = args[1], args[2]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["Mcp-Protocol-Version"] = version
  local meta = ""
  if version == "2026-07-28" then
    wrk.headers["Mcp-Method"] = "tools/call"
    wrk.headers["Mcp-Name"] = "echo"
    meta = ',"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",' ..
        '"io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"1"},' ..
        '"io.modelcontextprotocol/clientCapabilities":{}}'
  else
    wrk.headers["Mcp-Session-Id"] = session
  end
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo",' ..
      '"arguments":{"message":"hello"}' .. meta .. '}}'
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
      e.connect + e.read + e.write + e.status + e.timeout))
end
