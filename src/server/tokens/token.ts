import { encodeBase64Url } from "../../lib/encoding/base64";

/** 32 random bytes: the MCP URL token is a 256-bit secret (issue 4). */
const TOKEN_BYTES = 32;

/** The ids `randomId` makes for servers and accounts: the prefix and 12 bytes of base64url. */
export const SERVER_ID = /^mcp_[A-Za-z0-9_-]{16}$/;
export const ACCOUNT_ID = /^acc_[A-Za-z0-9_-]{16}$/;

export function isServerId(value: string): boolean {
  return SERVER_ID.test(value);
}

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}_${encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))}`;
}

export function generateToken(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

/** Hex SHA-256: the only form in which tokens and API keys are stored or compared. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Constant-time equality of two hex digests (the runtime's `timingSafeEqual`), so that how long
 * a check takes reveals nothing about how much of a stored hash a guess matched.
 */
export function sameDigest(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const [left, right] = [encoder.encode(a), encoder.encode(b)];
  // Digests of one algorithm have one length; a length mismatch reveals nothing secret.
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

/** Tokens are base64url of 32 bytes: anything else is refused before any lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
