import type { Env } from "../../lib/env";
import { mcpKeyHashAllows, type McpKey } from "../keys/check";

/**
 * What a grant carries (the library encrypts it with a key only the token holder can unwrap):
 * the one MCP server it opens and the key that approved it on the consent page.
 */
export interface GrantProps {
  server_id: string;
  account_id: string;
  /** SHA-256 hex of the approving key; re-checked on every request and refresh. */
  key_hash: string;
}

/**
 * The library's token and code format is `<userId>:<grantId>:<secret>`; our userId is
 * `<server id>.<key id or "env">`. Anything else is no credential of ours.
 */
const CREDENTIAL =
  /^(mcp_[A-Za-z0-9_-]{16})\.(?:key_[A-Za-z0-9_-]{16}|env):[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{32}$/;

/**
 * The grant's user: the server and the approving key. Re-approving the same client for the same
 * server with the same key replaces the earlier grant (the library's default), while two people
 * with their own keys on one server (claude.ai users share its client id) keep theirs.
 */
export function grantUserId(serverId: string, key: McpKey): string {
  return `${serverId}.${key.id ?? "env"}`;
}

/** The server id an authorization code, refresh token or access token of ours names. */
export function serverIdOfCredential(value: string): string | null {
  return CREDENTIAL.exec(value)?.[1] ?? null;
}

export function isGrantProps(value: unknown): value is GrantProps {
  const props = value as Partial<GrantProps> | null;
  return (
    typeof props?.server_id === "string" &&
    typeof props.account_id === "string" &&
    typeof props.key_hash === "string"
  );
}

/** Whether the grant props from the gate belong to this server and its approving key still opens it. */
export async function grantOpens(
  env: Env,
  props: unknown,
  server: { id: string; account_id: string },
): Promise<boolean> {
  if (!isGrantProps(props)) return false;
  if (props.server_id !== server.id || props.account_id !== server.account_id) return false;
  return mcpKeyHashAllows(props.key_hash, env, server.account_id);
}
