import { serverObject, type ServerObject } from "../../server/server-object/server-object";
import type { Env } from "../../lib/env";
import { findServerId } from "../../server/tokens/token-store";
import { isServerId, sha256Hex } from "../../server/tokens/token";
import { tokenOfServerUrl } from "../../server/oauth/urls";

/** A server's public record, as its ServerObject tells it. */
export type ProtectedServer = NonNullable<Awaited<ReturnType<ServerObject["view"]>>>;

/**
 * The server behind an MCP token when it offers sign-in: it exists, has not expired (its
 * ServerObject says so, whatever KV still routes) and has `require_api_token_auth`. A server
 * that needs no credential has nothing to sign in to.
 */
export async function protectedServer(env: Env, token: string): Promise<ProtectedServer | null> {
  const serverId = await findServerId(env.TOKENS, await sha256Hex(token));
  if (!serverId || !isServerId(serverId)) return null;
  const view = await serverObject(env, serverId).view();
  return view?.config.require_api_token_auth ? view : null;
}

/** The protected server a client names by its URL as the RFC 8707 `resource`, or null. */
export async function serverOfResource(
  env: Env,
  resource: string,
  origin: string,
): Promise<ProtectedServer | null> {
  const token = tokenOfServerUrl(resource, origin);
  return token ? protectedServer(env, token) : null;
}
