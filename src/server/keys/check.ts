import { parseConfig, type Env } from "../../lib/env";
import { sameDigest, sha256Hex } from "../tokens/token";
import type { KeyView } from "./schemas";
import { keyStore, looksLikeStoredKey } from "./store";

/** The value of `Authorization: Bearer <key>`, trimmed, or null. */
export function bearer(request: Request): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1]!.trim() : null;
}

/**
 * True when `hash` is the SHA-256 of one of the environment's bootstrap admin keys
 * (`API_KEYS`). Keys are compared as SHA-256 digests, in constant time, so timing reveals
 * nothing about a key's prefix.
 */
async function isEnvAdminHash(hash: string, env: Env): Promise<boolean> {
  const apiKeys = parseConfig(env).apiKeys;
  let ok = false;
  for (const key of apiKeys) if (sameDigest(hash, await sha256Hex(key))) ok = true;
  return ok;
}

/** The id, scope and accounts of a key created through the admin API, asked of the KeyObject. */
async function storedKey(presented: string, env: Env) {
  // Anything not shaped like a generated key cannot be one: no Durable Object round trip.
  if (!looksLikeStoredKey(presented)) return null;
  return keyStore(env).find(await sha256Hex(presented));
}

/** True when the request carries an admin key: one of `API_KEYS` or a stored `admin` key. */
export async function hasAdminKey(request: Request, env: Env): Promise<boolean> {
  const presented = bearer(request);
  if (!presented) return false;
  if (await isEnvAdminHash(await sha256Hex(presented), env)) return true;
  return (await storedKey(presented, env))?.scope === "admin";
}

/** Whether a stored key opens the servers of `accountId` (see `mcpKeyFor`). */
function storedKeyOpens(
  key: Pick<KeyView, "scope" | "account_ids">,
  acceptAdmin: boolean,
  accountId: string,
): boolean {
  if (key.scope === "admin") return acceptAdmin;
  return key.account_ids === null || key.account_ids.includes(accountId);
}

/** A key that opens a server: its SHA-256 and its id (null for a key from `API_KEYS`). */
export interface McpKey {
  hash: string;
  id: string | null;
}

/**
 * The MCP credential check of a server with `require_api_token_auth`: an `mcp` key naming the
 * server's account (or every account), or an admin key unless `MCP_ACCEPT_ADMIN_KEYS=false`.
 * The KeyObject is asked on every call, so a revoked key fails on the next one. The OAuth
 * consent page asks for the same credential through this same check.
 */
export async function mcpKeyFor(
  presented: string,
  env: Env,
  accountId: string,
): Promise<McpKey | null> {
  const acceptAdmin = parseConfig(env).mcpAcceptAdminKeys;
  const hash = await sha256Hex(presented);
  if (await isEnvAdminHash(hash, env)) return acceptAdmin ? { hash, id: null } : null;
  const key = await storedKey(presented, env);
  return key && storedKeyOpens(key, acceptAdmin, accountId) ? { hash, id: key.id } : null;
}

/**
 * `mcpKeyFor` again, for a key known only by its hash: an OAuth grant keeps the hash of the key
 * that approved it, and every request and refresh under the grant re-checks that key, so
 * revoking it (or turning admin keys off) ends the grant's access too.
 */
export async function mcpKeyHashAllows(
  hash: string,
  env: Env,
  accountId: string,
): Promise<boolean> {
  const acceptAdmin = parseConfig(env).mcpAcceptAdminKeys;
  if (await isEnvAdminHash(hash, env)) return acceptAdmin;
  const key = await keyStore(env).find(hash);
  return key !== null && storedKeyOpens(key, acceptAdmin, accountId);
}

/** `mcpKeyFor` on the request's `Authorization: Bearer <key>`. */
export async function mcpKeyAllows(
  request: Request,
  env: Env,
  accountId: string,
): Promise<boolean> {
  const presented = bearer(request);
  return presented !== null && (await mcpKeyFor(presented, env, accountId)) !== null;
}
