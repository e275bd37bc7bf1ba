import type { TokenGrant } from "./config";

// GUESS: the live 401 wording is unknown (§6); an unknown token reads like an expired one.
export const EXPIRED_TOKEN = "Invalid or expired API token";

/**
 * Bearer token authentication (§1): `Authorization: Bearer <api token>`. Returns the grant for a
 * known token, or a reason for the 401 (the token itself is never echoed or logged).
 */
export function authenticate(
  header: string | null,
  grants: TokenGrant[],
): { grant: TokenGrant } | { reason: string } {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return { reason: "Missing bearer token" };
  const grant = grants.find((g) => g.token === m[1]);
  return grant ? { grant } : { reason: EXPIRED_TOKEN };
}
