# MCP_URL is the server's URL (shown once when the server is created); MCP_KEY an mcp-scoped key.

# List the tools over Streamable HTTP
npx @modelcontextprotocol/inspector --cli "$MCP_URL" --transport http --method tools/list

# Call a tool
npx @modelcontextprotocol/inspector --cli "$MCP_URL" --transport http --method tools/call --tool-name get_single_e_desk_ticket_by_id --tool-arg id=1409923

# The same server over legacy HTTP+SSE
npx @modelcontextprotocol/inspector --cli "$MCP_URL/sse" --transport sse --method tools/list

# A server created with require_api_token_auth
npx @modelcontextprotocol/inspector --cli "$MCP_URL" --transport http --header "Authorization: Bearer $MCP_KEY" --method tools/list
