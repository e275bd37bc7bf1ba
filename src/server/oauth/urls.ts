import type { Config } from "../../lib/env";

/** The authorization server's endpoints (advertised in its RFC 8414 metadata). */
export const AUTHORIZE_PATH = "/oauth/authorize";
export const TOKEN_PATH = "/oauth/token";
export const REGISTER_PATH = "/oauth/register";
export const AS_METADATA_PATH = "/.well-known/oauth-authorization-server";
export const PRM_PREFIX = "/.well-known/oauth-protected-resource";

/**
 * The one scope: use this MCP server's tools as its config allows. The config, not the scope,
 * decides which tools; the consent page shows them.
 */
export const MCP_SCOPE = "mcp";

/** `/mcp/<token>`: the path of a server URL, the only resource this service protects. */
const SERVER_PATH = /^\/mcp\/([A-Za-z0-9_-]{43})$/;

/**
 * The issuer and the origin of every resource: PUBLIC_BASE_URL's origin, else the request's
 * (as server URLs are built). Null when neither is https nor http on a loopback host, which
 * OAuth 2.1 forbids and the library refuses.
 */
export function issuerOrigin(request: Request, config: Config): string | null {
  const origin = new URL(config.publicBaseUrl ?? request.url).origin;
  const { protocol, hostname } = new URL(origin);
  if (protocol === "https:") return origin;
  const loopback =
    hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
  return protocol === "http:" && loopback ? origin : null;
}

/**
 * RFC 9728 metadata of one server URL. It carries the server's token, like the URL itself:
 * only a holder of the URL learns it (from the 401), and unknown tokens get the MCP 404.
 */
export function resourceMetadataUrl(origin: string, token: string): string {
  return `${origin}${PRM_PREFIX}/mcp/${token}`;
}

/**
 * What the authorization server binds a grant and its tokens to, in place of the server URL the
 * client names: the library stores this value in KV in the clear, and KV must never hold an MCP
 * token. The client's `resource` (the server URL) is mapped to it at the boundary (resource.ts).
 */
export function grantResource(origin: string, serverId: string): string {
  return `${origin}/oauth/servers/${serverId}`;
}

/** The MCP token of a server URL on this origin, or null for anything else. */
export function tokenOfServerUrl(value: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.search || url.hash || url.username || url.password) return null;
  return SERVER_PATH.exec(url.pathname)?.[1] ?? null;
}
