import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type RequestId,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { RequestStateCodec } from "@modelcontextprotocol/server";
import { MAX_SCANNED } from "../../catalog/find-by-name";
import {
  asksByForm,
  NO_ELICITATION,
  type ConfirmChannel,
  type ConfirmState,
} from "../../engine/guard/confirm";
import { DEFAULT_LIMIT, MAX_LIMIT } from "../../engine/tools/cursor";
import type { UpstreamBudget } from "../../engine/tools/upstream-budget";
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
  /** The 2025 era answers this request on an SSE stream, which can carry a request to the client. */
  streamed?: boolean;
}

/** What each era's handler passes with a tool call. */
export interface CallExtra {
  signal: AbortSignal;
  requestId: RequestId;
  scope?: CallScope;
  /** How this call's client can reach a person (src/engine/guard/confirm.ts). */
  confirm?: ConfirmChannel;
}

/** What an MCP server of either protocol era needs from the ServerObject that hosts it. */
export interface ToolHost {
  listTools(): Tool[];
  callTool(name: string, args: Record<string, unknown>, extra: CallExtra): Promise<CallToolResult>;
  /** Whether some calls are confirmed by a person (`config.confirm` is on). */
  asksPeople(): boolean;
  /** The signer of 2026-07-28 confirmation rounds, when `asksPeople()`. */
  confirmationSigner(): Promise<RequestStateCodec<ConfirmState> | undefined>;
}

/** The product's version wherever src/ states it; package.json must agree (test/unit/house). */
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
export function createMcpServer(host: ToolHost, transport: "streamable" | "legacy"): Server {
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
      confirm: pushChannel(server, extra, transport === "legacy" || scope.streamed === true),
    });
  });
  reportInvalidParams(server);
  return server;
}

/** How long a person has to answer a 2025-era confirmation (the call waits that long). */
const CONFIRM_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The 2025 era's way to a person: `elicitation/create` sent as a request related to the call,
 * so it travels on the call's own stream (MCP 2025-06-18 "Elicitation"). Only for a client
 * that declared `elicitation`, and only when this call is answered on a stream: a JSON answer
 * has nowhere to carry a request.
 */
function pushChannel(
  server: Server,
  extra: { sendRequest: RequestHandlerExtra<ServerRequest, ServerNotification>["sendRequest"] },
  streamed: boolean,
): ConfirmChannel {
  if (!asksByForm(server.getClientCapabilities())) return { kind: "none", why: NO_ELICITATION };
  if (!streamed) {
    return {
      kind: "none",
      why: "this call could only be answered as plain JSON, which cannot carry a question (send Accept: text/event-stream too)",
    };
  }
  return {
    kind: "push",
    ask: async (form, signal) => {
      const answer = await extra.sendRequest(
        { method: "elicitation/create", params: { ...form } },
        ElicitResultSchema,
        { signal, timeout: CONFIRM_TIMEOUT_MS },
      );
      return {
        action: answer.action,
        content: answer.content as Record<string, unknown> | undefined,
      };
    },
  };
}
