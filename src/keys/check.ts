import { parseConfig, type Env } from "../env";
import { sameDigest, sha256Hex } from "../tokens/token";
import { keyStore, looksLikeStoredKey } from "./store";

/** The value of `Authorization: Bearer <key>`, trimmed, or null. */
function bearer(request: Request): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1]!.trim() : null;
}

/**
 * True when `presented` is one of the environment's bootstrap admin keys (`API_KEYS`). Keys are
 * compared as SHA-256 digests, in constant time, so timing reveals nothing about a key's prefix.
 */
async function isEnvAdminKey(presented: string, env: Env): Promise<boolean> {
  const apiKeys = parseConfig(env).apiKeys;
  if (apiKeys.length === 0) return false;
  const digest = await sha256Hex(presented);
  let ok = false;
  for (const key of apiKeys) if (sameDigest(digest, await sha256Hex(key))) ok = true;
  return ok;
}

/** The scope and accounts of a key created through the admin API, asked of the KeyObject. */
async function storedKey(presented: string, env: Env) {
  // Anything not shaped like a generated key cannot be one: no Durable Object round trip.
  if (!looksLikeStoredKey(presented)) return null;
  return keyStore(env).find(await sha256Hex(presented));
}

/** True when the request carries an admin key: one of `API_KEYS` or a stored `admin` key. */
export async function hasAdminKey(request: Request, env: Env): Promise<boolean> {
  const presented = bearer(request);
  if (!presented) return false;
  if (await isEnvAdminKey(presented, env)) return true;
  return (await storedKey(presented, env))?.scope === "admin";
}

/**
 * The MCP credential check of a server with `require_api_token_auth`: an `mcp` key naming the
 * server's account (or every account), or an admin key unless `MCP_ACCEPT_ADMIN_KEYS=false`.
 * The KeyObject is asked on every request, so a revoked key fails on the next one.
 */
export async function mcpKeyAllows(
  request: Request,
  env: Env,
  accountId: string,
): Promise<boolean> {
  const presented = bearer(request);
  if (!presented) return false;
  const acceptAdmin = parseConfig(env).mcpAcceptAdminKeys;
  if (acceptAdmin && (await isEnvAdminKey(presented, env))) return true;
  const key = await storedKey(presented, env);
  if (!key) return false;
  if (key.scope === "admin") return acceptAdmin;
  return key.account_ids === null || key.account_ids.includes(accountId);
}
