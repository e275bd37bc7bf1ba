import type { Env } from "../env";
import { discardBody } from "../http/read-json";
import { mcpKeyAllows } from "../keys/check";
import { rateKey, type ServerObject } from "../server-object/server-object";
import { sameDigest } from "../tokens/token";
import { jsonRpcError } from "./json-rpc";
import { notFound, TOKEN_HASH_HEADER } from "./not-found";
import { readMessage } from "./read-message";

/**
 * Serves one MCP request inside the server's ServerObject: authorisation first (token hash,
 * expiry, optional API key), then the transport the path and method call for. A body left
 * unread by an early answer is drained so the client's connection stays usable.
 */
export async function handleMcpRequest(
  object: ServerObject,
  request: Request,
  env: Env,
): Promise<Response> {
  const response = await route(object, request, env);
  await discardBody(request);
  return response;
}

async function route(object: ServerObject, request: Request, env: Env): Promise<Response> {
  const record = await object.active();
  if (!record || !sameDigest(request.headers.get(TOKEN_HASH_HEADER) ?? "", record.token_hash)) {
    return notFound();
  }
  if (
    record.config.require_api_token_auth &&
    !(await mcpKeyAllows(request, env, record.account_id))
  ) {
    return jsonRpcError(401, -32001, "Unauthorized: send 'Authorization: Bearer <API key>'.", {
      "www-authenticate": 'Bearer realm="edesk-mcp", error="invalid_token"',
    });
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
  }
  const response = await object.sessions.handleStreamable(request, body);
  return withRateHeaders(object, request.headers.get("mcp-session-id"), body, response);
}

/** Copies a tool call's rate-limit figures onto a plain JSON response (design.md §1). */
function withRateHeaders(
  object: ServerObject,
  sessionId: string | null,
  body: unknown,
  response: Response,
): Response {
  const id = (body as { id?: string | number } | undefined)?.id;
  if (id === undefined) return response;
  const key = rateKey(sessionId, id);
  const headers = object.rateHeaders.get(key);
  object.rateHeaders.delete(key);
  if (!headers || !response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const out = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
  return out;
}

function methodNotAllowed(allow: string): Response {
  return jsonRpcError(405, -32000, "Method not allowed", { allow });
}
