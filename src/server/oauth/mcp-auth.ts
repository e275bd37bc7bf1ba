import { parseConfig, type Env } from "../../lib/env";
import { mcpKeyAllows } from "../keys/check";
import { jsonRpcError } from "../mcp/json-rpc";
import { grantOpens } from "./grant";
import { issuerOrigin, MCP_SCOPE, resourceMetadataUrl } from "./urls";

/**
 * Header by which the worker hands the ServerObject the props of an OAuth access token it has
 * validated (never the token). The worker drops any copy a client sends.
 */
export const OAUTH_GRANT_HEADER = "x-edesk-mcp-oauth-grant";

/**
 * The ServerObject's check for a server with `require_api_token_auth`: an OAuth grant of this
 * server whose approving key still opens it, or an MCP key in the `Authorization` header.
 */
export async function credentialAllows(
  request: Request,
  env: Env,
  server: { id: string; account_id: string },
): Promise<boolean> {
  const grant = request.headers.get(OAUTH_GRANT_HEADER);
  if (grant !== null) {
    let props: unknown;
    try {
      props = JSON.parse(grant);
    } catch {
      return false;
    }
    return grantOpens(env, props, server);
  }
  return mcpKeyAllows(request, env, server.account_id);
}

/**
 * 401 for a missing or refused credential, with the RFC 9728 pointer to this server's
 * protected resource metadata (MCP authorization: "Protected Resource Metadata Discovery").
 */
export function unauthorized(request: Request, env: Env): Response {
  const url = new URL(request.url);
  const token = /^\/mcp\/([^/]+)/.exec(url.pathname)?.[1];
  const origin = issuerOrigin(request, parseConfig(env));
  const params = ['realm="edesk-mcp"'];
  if (origin && token) params.push(`resource_metadata="${resourceMetadataUrl(origin, token)}"`);
  params.push(`scope="${MCP_SCOPE}"`);
  // RFC 6750 §3.1: no error code when the request carried no credential at all.
  if (request.headers.has("authorization")) params.push('error="invalid_token"');
  return jsonRpcError(
    401,
    -32001,
    "Unauthorized: sign in (OAuth) or send 'Authorization: Bearer <MCP key>'.",
    { "www-authenticate": `Bearer ${params.join(", ")}` },
  );
}
