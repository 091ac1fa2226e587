-- wrk script of scripts/wrk.sh (WRK_LUA=...mcp-call-ids.lua): mcp-call.lua with a fresh JSON-RPC id
-- on every request, as MCP clients number their requests, instead of id 1 on every call. With id 1
-- everywhere, all calls in flight on the one session share the key (session, id) under which the
-- server registers a call for notifications/cancelled, which no real client does. Building each
-- request costs wrk a little CPU on the machine it shares with the server.
--   wrk ... -s mcp-call-ids.lua URL -- PROTOCOL_VERSION SESSION_ID
local prefix, suffix
local counter = 0

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
  prefix = '{"jsonrpc":"2.0","id":'
  suffix = ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}' ..
      meta .. '}}'
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, prefix .. counter .. suffix)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
      e.connect + e.read + e.write + e.status + e.timeout))
end
