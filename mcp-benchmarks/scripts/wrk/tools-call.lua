-- wrk script: MCP tools/call of an echo tool in a closed loop on one already-open session.
-- The session (initialize + notifications/initialized) is opened by wrk-tools-call.sh with curl;
-- its id, protocol version and optional Authorization value arrive as script arguments:
--   wrk ... -s tools-call.lua URL -- SESSION_ID PROTOCOL_VERSION [AUTHORIZATION] [TOOL]
-- An empty SESSION_ID sends no Mcp-Session-Id (a sessionless server or revision).
function init(args)
  local session, version, authorization, tool = args[1], args[2], args[3], args[4]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  if session ~= nil and session ~= "" then
    wrk.headers["Mcp-Session-Id"] = session
  end
  if version ~= nil and version ~= "" then
    wrk.headers["Mcp-Protocol-Version"] = version
  end
  if authorization ~= nil and authorization ~= "" then
    wrk.headers["Authorization"] = authorization
  end
  if tool == nil or tool == "" then
    tool = "echo"
  end
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' .. tool ..
      '","arguments":{"message":"hello"}}}'
end
