import type { Env } from "../../lib/env";
import { discardBody } from "../../lib/http/read-json";
import { isLegacyRequest } from "@modelcontextprotocol/server";
import { credentialAllows, unauthorized } from "../oauth/mcp-auth";
import type { ServerRecord } from "../server-object/record";
import { sameDigest } from "../tokens/token";
import { jsonRpcError } from "./json-rpc";
import type { CallScope } from "./mcp-server";
import { withRateHeaders, type ModernEndpoint } from "./modern";
import { notFound, TOKEN_HASH_HEADER } from "./not-found";
import { readMessage } from "./read-message";
import type { SessionHost } from "./session-host";

/** What serving an MCP request needs from the ServerObject that hosts the server. */
export interface McpHost {
  /** The server's record, or null once it is revoked, expired or deleted. */
  active(): Promise<ServerRecord | null>;
  readonly sessions: SessionHost;
  readonly modern: ModernEndpoint;
}

/**
 * Serves one MCP request inside the server's ServerObject: authorisation first (token hash,
 * expiry, optional API key), then the transport the path and method call for. A body left
 * unread by an early answer is drained so the client's connection stays usable.
 */
export async function handleMcpRequest(
  object: McpHost,
  request: Request,
  env: Env,
): Promise<Response> {
  const response = await route(object, request, env);
  await discardBody(request);
  return response;
}

async function route(object: McpHost, request: Request, env: Env): Promise<Response> {
  const record = await object.active();
  if (!record || !sameDigest(request.headers.get(TOKEN_HASH_HEADER) ?? "", record.token_hash)) {
    return notFound();
  }
  if (record.config.require_api_token_auth && !(await credentialAllows(request, env, record))) {
    return unauthorized(request, env);
  }
  const url = new URL(request.url);
  const suffix = /\/(sse|messages)$/.exec(url.pathname)?.[1];
  const base = suffix ? url.pathname.slice(0, -suffix.length - 1) : url.pathname;
  const accept = request.headers.get("accept") ?? "";
  const legacyGet =
    request.method === "GET" &&
    (suffix === "sse" ||
      (!suffix && !request.headers.has("mcp-session-id") && accept.includes("text/event-stream")));

  if (legacyGet) return object.sessions.openLegacy(`${base}/messages`);
  if (suffix === "sse") return methodNotAllowed("GET");
  if (suffix === "messages") {
    if (request.method !== "POST") return methodNotAllowed("POST");
    const parsed = await readMessage(request);
    if (!parsed.ok) return parsed.response;
    return object.sessions.legacyMessage(url.searchParams.get("sessionId"), parsed.body);
  }
  if (!["GET", "POST", "DELETE"].includes(request.method))
    return methodNotAllowed("GET, POST, DELETE");

  let body: unknown;
  if (request.method === "POST") {
    const parsed = await readMessage(request);
    if (!parsed.ok) return parsed.response;
    body = parsed.body;
    // The era is decided per request by the SDK's own classifier: a request that carries the
    // 2026-07-28 `_meta` envelope (or names a modern revision) is modern; everything else,
    // `initialize` included, is the 2025 Streamable HTTP it has always been. The classifier
    // calls a batch array or a posted response legacy whatever the header says, but no 2025
    // client sends a 2026 revision header: those go to the modern handler, which refuses them
    // with -32600 as the spec says, rather than to a 2025 session they never opened.
    if (!(await isLegacyRequest(request, body)) || namesModernRevision(request)) {
      // A batch is refused for being a batch, the more basic fault, whatever else it carries.
      if (request.headers.has("mcp-session-id") && !Array.isArray(body)) return sessionOnModern();
      return object.modern.handle(request, body);
    }
  }
  const scope: CallScope = {};
  const response = await object.sessions.handleStreamable(request, body, scope);
  return withRateHeaders(response, scope);
}

/** The first revision of the modern era; revisions are ISO dates and order as strings. */
const FIRST_MODERN_REVISION = "2026-07-28";

/** Whether `MCP-Protocol-Version` names the 2026-07-28 era (the SDK's own rule). */
function namesModernRevision(request: Request): boolean {
  const version = request.headers.get("mcp-protocol-version")?.trim();
  return version !== undefined && version >= FIRST_MODERN_REVISION;
}

function methodNotAllowed(allow: string): Response {
  return jsonRpcError(405, -32000, "Method not allowed", { allow });
}

/**
 * 2026-07-28 removed sessions: a modern request that still carries a session id mixes the two
 * eras, and serving it would let a client believe its session state applies.
 */
function sessionOnModern(): Response {
  return jsonRpcError(
    400,
    -32600,
    "Invalid Request: protocol 2026-07-28 has no sessions; send the request without Mcp-Session-Id.",
  );
}
