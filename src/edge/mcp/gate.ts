import type { Config, Env } from "../../lib/env";
import { MAX_BODY_BYTES } from "../../lib/http/read-json";
import { findServerId, forgetTokenRoute } from "../../server/tokens/token-store";
import { looksLikeToken, sha256Hex } from "../../server/tokens/token";
import { attachOAuthGrant } from "../oauth/attach-grant";
import { jsonRpcError } from "../../server/mcp/json-rpc";
import { notFound, TOKEN_HASH_HEADER, UNKNOWN_HEADER } from "../../server/mcp/not-found";
import { originAllowed } from "./origin";
import { serverObject } from "../../server/server-object/server-object";

/** `/mcp/<token>`, `/mcp/<token>/sse`, `/mcp/<token>/messages`. */
const MCP_PATH = /^\/mcp\/([^/]+)(?:\/(?:sse|messages))?\/?$/;

export function isMcpPath(pathname: string): boolean {
  return pathname.startsWith("/mcp/");
}

/**
 * The worker's half of every MCP request: cheap checks, then the token's hash routes it to the
 * ServerObject, which alone decides whether the server exists (KV may be stale).
 */
export async function routeMcp(request: Request, env: Env, config: Config): Promise<Response> {
  if (!originAllowed(request, config)) {
    return jsonRpcError(403, -32000, "Forbidden: Origin not allowed");
  }
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) {
    return jsonRpcError(413, -32600, `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
  }
  const token = MCP_PATH.exec(new URL(request.url).pathname)?.[1];
  if (!token || !looksLikeToken(token)) return stripInternal(notFound());
  const tokenHash = await sha256Hex(token);
  const serverId = await findServerId(env.TOKENS, tokenHash);
  if (!serverId) return stripInternal(notFound());

  const headers = new Headers(request.headers);
  headers.set(TOKEN_HASH_HEADER, tokenHash);
  await attachOAuthGrant(request, headers, env, config, serverId);
  const stub = serverObject(env, serverId);
  const response = await stub.fetch(new Request(request, { headers }));
  if (response.headers.has(UNKNOWN_HEADER)) {
    forgetTokenRoute(tokenHash);
    return stripInternal(response);
  }
  return response;
}

function stripInternal(response: Response): Response {
  const out = new Response(response.body, response);
  out.headers.delete(UNKNOWN_HEADER);
  return out;
}
