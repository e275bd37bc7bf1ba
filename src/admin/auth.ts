import { AppError } from "../http/errors";
import { sameDigest, sha256Hex } from "../tokens/token";

/**
 * True when the request carries `Authorization: Bearer <one of apiKeys>`. Keys are compared as
 * SHA-256 digests so that timing reveals nothing about a key's prefix.
 */
export async function hasApiKey(request: Request, apiKeys: readonly string[]): Promise<boolean> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || apiKeys.length === 0) return false;
  const presented = await sha256Hex(match[1]!.trim());
  let ok = false;
  for (const key of apiKeys) {
    if (sameDigest(presented, await sha256Hex(key))) ok = true;
  }
  return ok;
}

export async function requireApiKey(request: Request, apiKeys: readonly string[]): Promise<void> {
  if (await hasApiKey(request, apiKeys)) return;
  throw new AppError(
    401,
    "unauthorized",
    apiKeys.length === 0
      ? "The admin API is disabled: no API_KEYS are configured."
      : "Send a valid API key as 'Authorization: Bearer <API key>'.",
    { headers: { "www-authenticate": 'Bearer realm="edesk-mcp"' } },
  );
}
