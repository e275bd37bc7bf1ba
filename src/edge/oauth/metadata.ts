import type { Env } from "../../lib/env";
import { jsonResponse } from "../../lib/http/errors";
import { notFound, UNKNOWN_HEADER } from "../../server/mcp/not-found";
import { looksLikeToken } from "../../server/tokens/token";
import { authorizationServer } from "./authorization-server";
import { protectedServer } from "./protected-server";
import { MCP_SCOPE, PRM_PREFIX } from "../../server/oauth/urls";

const PRM_PATH = new RegExp(`^${PRM_PREFIX.replace(/[.]/g, "\\.")}/mcp/([^/]+)$`);

/** Metadata is public and carries no cookie: any origin may read it (browser MCP clients). */
const CORS = { "access-control-allow-origin": "*", "cache-control": "no-store" };

/** The MCP 404, without the header that only the worker's route memo reads. */
function unknownServer(): Response {
  const response = notFound();
  const out = new Response(response.body, response);
  out.headers.delete(UNKNOWN_HEADER);
  for (const [name, value] of Object.entries(CORS)) out.headers.set(name, value);
  return out;
}

/**
 * RFC 9728 protected resource metadata of one server URL, at
 * `/.well-known/oauth-protected-resource/mcp/<token>`. An unknown, revoked or expired token, and
 * a server without `require_api_token_auth`, get the MCP endpoint's one 404.
 */
export async function protectedResourceMetadata(
  request: Request,
  env: Env,
  origin: string,
): Promise<Response> {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (request.method !== "GET" && request.method !== "HEAD") {
    return jsonResponse(
      { error: { code: "method_not_allowed", message: "Use GET." } },
      { status: 405, headers: { allow: "GET, HEAD, OPTIONS", ...CORS } },
    );
  }
  const token = PRM_PATH.exec(new URL(request.url).pathname)?.[1];
  const server = token && looksLikeToken(token) ? await protectedServer(env, token) : null;
  if (!token || !server) return unknownServer();
  const body = {
    resource: `${origin}/mcp/${token}`,
    authorization_servers: [origin],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ["header"],
    resource_name: server.name,
  };
  return jsonResponse(request.method === "HEAD" ? undefined : body, { headers: CORS });
}

/**
 * RFC 8414 authorization server metadata, as the library writes it, minus `protected_resources`:
 * the library would list the placeholder resource it was built with, and the real resources are
 * secret server URLs that no public document may list.
 */
export async function authorizationServerMetadata(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  origin: string,
): Promise<Response> {
  const response = await authorizationServer(origin, null).fetch(request, env, ctx);
  if (request.method !== "GET" || !response.ok) return response;
  const metadata = (await response.json()) as Record<string, unknown>;
  delete metadata.protected_resources;
  return new Response(JSON.stringify(metadata), response);
}
