import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import {
  ErrorCode,
  InitializeRequestSchema,
  isInitializeRequest,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/sdk/types.js";
import { asksByForm } from "../../engine/guard/confirm";
import { batchRefusal } from "./batches";
import { withBoundedDeclarations } from "./client-info";
import { EventBuffer } from "./event-store";
import { LegacySseTransport } from "./legacy-sse";
import { createMcpServer, scopeCarrier, type CallScope, type ToolHost } from "./mcp-server";
import { jsonRpcError } from "./json-rpc";
import {
  invalidParamsMessage,
  releaseSettledJsonStreams,
  sendInStreamMode,
  setJsonResponse,
} from "./sdk-v1-patches";
import { SESSION_TTL_MS, SessionTable, type SessionMeta } from "./session-table";

/** SSE `retry` hint (SEP-1699): how long a client waits before it resumes a closed stream. */
const RETRY_MS = 2_000;
const KEEPALIVE_MS = 15_000;
/**
 * `last_seen` is written back at most this often, not on every request: often enough to tell
 * the least recently used session when the cap is reached (session-table.ts).
 */
const SEEN_WRITE_MS = 60 * 1000;
/** Open legacy HTTP+SSE streams per server; opening one more ends the oldest. */
export const MAX_LEGACY_SESSIONS = 100;

interface StreamableSession {
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
  meta: SessionMeta;
}

/**
 * The -32602 for an initialize request whose params do not parse. The SDK transport does not
 * take such a message for an initialize at all and answers "Server not initialized": the
 * client would be told to do what it has just done.
 */
function refuseBadInitialize(body: unknown): Response | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (method !== "initialize" || (typeof id !== "string" && typeof id !== "number")) return;
  const parsed = InitializeRequestSchema.safeParse(body);
  if (parsed.success) return undefined;
  const message = invalidParamsMessage(parsed.error.issues);
  return jsonRpcError(400, ErrorCode.InvalidParams, message, undefined, id);
}

/** Whether the client lists SSE ahead of JSON in `Accept`: then it gets an SSE response. */
function prefersSse(accept: string): boolean {
  const sse = accept.indexOf("text/event-stream");
  const json = accept.indexOf("application/json");
  return sse >= 0 && (json < 0 || sse < json);
}

/**
 * Whether this POST may need to ask the client's person to confirm a call: then it is answered
 * on an SSE stream, which can carry the `elicitation/create` request (the 2025 spec lets the
 * server choose either answer for a client that accepts both).
 */
function mayAsk(body: unknown, meta: SessionMeta, host: ToolHost): boolean {
  const method = (body as { method?: unknown } | null)?.method;
  return method === "tools/call" && host.asksPeople() && asksByForm(meta.capabilities);
}

/**
 * Every MCP session of one MCP server, both transports. Sessions live in the ServerObject that
 * owns the server, so a session id is meaningless under any other token, and revoking the
 * server ends them all at once.
 */
export class SessionHost {
  private readonly streamable = new Map<string, StreamableSession>();
  private readonly legacy = new Map<string, LegacySseTransport>();
  private readonly events = new EventBuffer();
  private readonly table: SessionTable;

  constructor(
    storage: DurableObjectStorage,
    private readonly host: ToolHost,
  ) {
    this.table = new SessionTable(storage);
  }

  get size(): number {
    return this.streamable.size + this.legacy.size;
  }

  /** Streamable HTTP (2025-03-26 and later): POST, GET and DELETE on the server's URL. */
  async handleStreamable(request: Request, body: unknown, scope: CallScope): Promise<Response> {
    const sessionId = request.headers.get("mcp-session-id");
    if (!sessionId) {
      const refused = batchRefusal(request, body) ?? refuseBadInitialize(body);
      if (refused) return refused;
      const session = await this.open();
      const response = await this.dispatch(session, request, withBoundedDeclarations(body), scope);
      if (!session.transport.sessionId) await session.server.close();
      return response;
    }
    const session = this.streamable.get(sessionId) ?? (await this.restore(sessionId));
    if (!session) return jsonRpcError(404, -32001, "Session not found");
    const refused = batchRefusal(request, body, session.meta.protocolVersion);
    if (refused) return refused;
    if (Date.now() - session.meta.last_seen > SEEN_WRITE_MS) {
      session.meta.last_seen = Date.now();
      this.table.touch(sessionId, session.meta.last_seen);
    }
    return this.dispatch(session, request, body, scope);
  }

  /** Legacy HTTP+SSE (2024-11-05): the GET stream announces where to POST messages. */
  async openLegacy(messagesPath: string): Promise<Response> {
    const sessionId = crypto.randomUUID();
    const transport = new LegacySseTransport(sessionId, `${messagesPath}?sessionId=${sessionId}`);
    transport.onclose = () => this.legacy.delete(sessionId);
    await createMcpServer(this.host, "legacy").connect(transport);
    this.legacy.set(sessionId, transport);
    // A Map iterates in insertion order: the first entry is the oldest stream.
    if (this.legacy.size > MAX_LEGACY_SESSIONS) await this.legacy.values().next().value?.close();
    return transport.response;
  }

  legacyMessage(sessionId: string | null, body: unknown): Response {
    const transport = sessionId ? this.legacy.get(sessionId) : undefined;
    if (!transport) return jsonRpcError(404, -32001, "Session not found");
    if (!transport.receive(withBoundedDeclarations(body))) {
      return jsonRpcError(400, -32600, "Invalid Request: not a JSON-RPC message");
    }
    return new Response("Accepted", { status: 202 });
  }

  /**
   * Ends every session and stream (revocation, expiry). The storage wipe that follows drops the
   * session table, so it is prepared afresh on next use.
   */
  async closeAll(): Promise<void> {
    const all = [...this.streamable.values()].map((s) => s.transport.close());
    const legacy = [...this.legacy.values()].map((t) => t.close());
    this.streamable.clear();
    this.legacy.clear();
    this.table.reset();
    await Promise.allSettled([...all, ...legacy]);
  }

  private async open(id = crypto.randomUUID()): Promise<StreamableSession> {
    const meta: SessionMeta = {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      clientInfo: null,
      capabilities: null,
      last_seen: Date.now(),
    };
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      eventStore: this.events.storeFor(id),
      retryInterval: RETRY_MS,
      keepAliveMs: KEEPALIVE_MS,
      onsessioninitialized: (sid) => {
        this.streamable.set(sid, session);
      },
      onsessionclosed: (sid) => {
        this.streamable.delete(sid);
        this.table.delete(sid);
      },
    });
    sendInStreamMode(transport);
    const server = createMcpServer(this.host, "streamable");
    const session: StreamableSession = { server, transport, meta };
    transport.onclose = () => {
      this.events.forget(id);
      if (transport.sessionId) this.streamable.delete(transport.sessionId);
    };
    await server.connect(transport);
    return session;
  }

  private async dispatch(
    session: StreamableSession,
    request: Request,
    body: unknown,
    scope: CallScope,
  ): Promise<Response> {
    const init = isInitializeRequest(body) ? body : undefined;
    if (request.method === "POST") {
      const accept = request.headers.get("accept") ?? "";
      scope.streamed =
        prefersSse(accept) ||
        (mayAsk(body, session.meta, this.host) && accept.includes("text/event-stream"));
      setJsonResponse(session.transport, !scope.streamed);
    }
    const response = await session.transport.handleRequest(
      this.withNegotiatedVersion(request, session.meta),
      { parsedBody: body, authInfo: scopeCarrier(scope) },
    );
    releaseSettledJsonStreams(session.transport);
    if (init && session.transport.sessionId && response.ok) {
      const requested = init.params.protocolVersion;
      session.meta.protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
        ? requested
        : LATEST_PROTOCOL_VERSION;
      // Bounded before dispatch (withBoundedDeclarations), as the table bounds them again.
      session.meta.clientInfo = init.params.clientInfo;
      session.meta.capabilities = init.params.capabilities;
      this.table.put(session.transport.sessionId, session.meta);
      await this.prune();
    }
    return response;
  }

  /**
   * Forgets the sessions idle past their TTL, which clients never came back to end, and beyond
   * MAX_SESSIONS the least recently used; returns how many. Runs at every new session.
   */
  async prune(now = Date.now()): Promise<number> {
    const gone = await this.table.prune(now);
    for (const id of gone) {
      const session = this.streamable.get(id);
      this.streamable.delete(id);
      await session?.transport.close();
    }
    return gone.length;
  }

  /**
   * A session that negotiated 2025-11-25 gets SEP-1699 priming events even when a request's
   * header names an older supported version: the client proved at initialisation that it
   * handles them. Unsupported versions still reach the SDK and are refused with 400.
   */
  private withNegotiatedVersion(request: Request, meta: SessionMeta): Request {
    const header = request.headers.get("mcp-protocol-version");
    if (
      !header ||
      header >= meta.protocolVersion ||
      !SUPPORTED_PROTOCOL_VERSIONS.includes(header) ||
      meta.protocolVersion < "2025-11-25"
    ) {
      return request;
    }
    const headers = new Headers(request.headers);
    headers.set("mcp-protocol-version", meta.protocolVersion);
    return new Request(request.url, { method: request.method, headers });
  }

  /**
   * Brings back a session that this object knew before it was evicted from memory, by
   * replaying its initialisation into a fresh transport with the same id.
   */
  private async restore(sessionId: string): Promise<StreamableSession | null> {
    const meta = await this.table.get(sessionId);
    if (!meta) return null;
    if (Date.now() - meta.last_seen > SESSION_TTL_MS) {
      this.table.delete(sessionId);
      return null;
    }
    const session = await this.open(sessionId);
    session.meta = meta;
    const replay = new Request("http://internal/mcp", {
      method: "POST",
      headers: {
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
      },
    });
    setJsonResponse(session.transport, true);
    await session.transport.handleRequest(replay, {
      parsedBody: {
        jsonrpc: "2.0",
        id: "restore",
        method: "initialize",
        params: {
          protocolVersion: meta.protocolVersion,
          capabilities: meta.capabilities ?? {},
          clientInfo: meta.clientInfo ?? { name: "unknown", version: "0" },
        },
      },
    });
    releaseSettledJsonStreams(session.transport);
    return session;
  }
}
