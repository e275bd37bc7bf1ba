import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type RequestId,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { reportInvalidParams } from "./invalid-params";

/** What a session's MCP server needs from the ServerObject that hosts it. */
export interface ToolHost {
  listTools(): Tool[];
  callTool(
    name: string,
    args: Record<string, unknown>,
    extra: { signal: AbortSignal; requestId: RequestId; sessionId?: string },
  ): Promise<CallToolResult>;
}

export const SERVER_INFO = { name: "edesk-mcp", title: "eDesk", version: "0.1.0" };

const INSTRUCTIONS =
  "Tools for one eDesk helpdesk account: tickets, messages, sales orders, templates, tags, " +
  "contacts, channels and users. Read before you write: get_e_desk_ticket_context gives a " +
  "ticket with its messages, order, tracking and notes in one call. Customer replies are sent " +
  "only when a message is created with type Message, direction Outgoing and send true; notes " +
  "are internal. List tools return {result, next_cursor}; pass next_cursor back for more.";

/**
 * One low-level SDK server per session. The low-level server (not McpServer) lets tools/list
 * return the catalog's memoised JSON Schemas as they are, and lets an unknown tool surface as
 * JSON-RPC -32602 rather than as an `isError` result.
 */
export function createMcpServer(host: ToolHost): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: { listChanged: false }, logging: {} },
    instructions: INSTRUCTIONS,
  });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: host.listTools() }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    host.callTool(request.params.name, request.params.arguments ?? {}, {
      signal: extra.signal,
      requestId: extra.requestId,
      sessionId: extra.sessionId,
    }),
  );
  reportInvalidParams(server);
  return server;
}
