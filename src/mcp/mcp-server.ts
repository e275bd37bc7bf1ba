import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type RequestId,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { MAX_SCANNED } from "../catalog/find-by-name";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../tools/cursor";
import type { UpstreamBudget } from "../tools/upstream-budget";
import { clientIdentity, type ClientIdentity } from "./client-identity";
import { reportInvalidParams } from "./sdk-v1-patches";

/**
 * What the tool calls of one HTTP request share with the code around them: the client that
 * sent the request (for the audit trail), and a call's rate-limit figures, which travel back
 * here and become that response's headers; and what they share among themselves: the count of
 * eDesk requests they have caused (UpstreamBudget).
 */
export interface CallScope extends UpstreamBudget {
  client?: ClientIdentity;
  rateHeaders?: Record<string, string>;
}

/** What an MCP server of either protocol era needs from the ServerObject that hosts it. */
export interface ToolHost {
  listTools(): Tool[];
  callTool(
    name: string,
    args: Record<string, unknown>,
    extra: { signal: AbortSignal; requestId: RequestId; scope?: CallScope },
  ): Promise<CallToolResult>;
}

export const SERVER_INFO = { name: "edesk-mcp", title: "eDesk", version: "0.1.0" };

/**
 * Sent by both eras at initialize (and server/discover). Conventions shared by many tools are
 * said here once instead of on every tool of tools/list; what a model must not get wrong on one
 * tool (a reply is sent, a tag list is replaced) stays in that tool's own description.
 */
export const INSTRUCTIONS =
  "Tools for one eDesk helpdesk account: tickets, messages, sales orders, templates, tags, " +
  "contacts, channels and users. Read before you write: get_e_desk_ticket_context gives a " +
  "ticket with its messages, order, tracking and notes in one call. Customer replies are sent " +
  "only when a message is created with type Message, direction Outgoing and send true; notes " +
  "are internal. Ids are integers from earlier results: never guess one. " +
  "List tools return {result, next_cursor}: for the next page repeat the call with next_cursor " +
  `unchanged (null: last page); limit is the page size, 1-${MAX_LIMIT} (default ${DEFAULT_LIMIT}). ` +
  "name_contains matches any case " +
  `and scans at most ${MAX_SCANNED} records a call, so no match with a next_cursor is not ` +
  '"not found": call again with it. Create tools take an optional idempotency_key (1-255 ' +
  "visible ASCII characters): the same key on a retry within 24 h returns the first result instead of writing twice. Writes return the " +
  "record written, deletes {ok, message}.";

/**
 * The SDK v1 transport passes only `authInfo` from `handleRequest` through to a handler, so a
 * 2025-era request's scope rides in its `extra`; nothing there is ever read as a credential.
 */
export function scopeCarrier(scope: CallScope): AuthInfo {
  return { token: "", clientId: "", scopes: [], extra: { scope } };
}

function scopeOf(authInfo: AuthInfo | undefined): CallScope | undefined {
  return authInfo?.extra?.scope as CallScope | undefined;
}

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
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    // Legacy SSE messages come without a scope; the 2025 era names its client once, at
    // `initialize` (a restored session replays it), so the session's server knows it.
    const scope = scopeOf(extra.authInfo) ?? {};
    scope.client = clientIdentity(server.getClientVersion());
    return host.callTool(request.params.name, request.params.arguments ?? {}, {
      signal: extra.signal,
      requestId: extra.requestId,
      scope,
    });
  });
  reportInvalidParams(server);
  return server;
}
