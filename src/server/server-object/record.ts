import type { EncryptedSecret } from "../../lib/crypto/credentials";
import type { GuardConfig } from "../../engine/guard/settings";
import type { ServerToolConfig } from "../../engine/tools/toolset";

/**
 * A server's `config` as stored: the tools it offers (engine/tools/toolset.ts), its guard rails
 * (engine/guard/settings.ts), and whether its URL also needs a key. The admin API validates it
 * (edge/admin/schemas.ts `serverConfigSchema`).
 */
export interface ServerConfig extends ServerToolConfig, GuardConfig {
  require_api_token_auth?: boolean;
}

/** What a ServerObject stores about its MCP server. The raw token is never stored. */
export interface ServerRecord {
  id: string;
  account_id: string;
  name: string;
  config: ServerConfig;
  expires_at: string | null;
  created_at: string;
  token_hash: string;
  /** A copy of the account's encrypted eDesk credentials, replaced on rotation. */
  credentials: EncryptedSecret;
}

/** A server as the admin API shows it: its record without the token's hash and credentials. */
export type ServerView = Omit<ServerRecord, "token_hash" | "credentials">;

export function toView(record: ServerRecord): ServerView {
  const { token_hash: _hash, credentials: _credentials, ...view } = record;
  return view;
}

export function isExpired(record: ServerRecord, now = Date.now()): boolean {
  return record.expires_at !== null && Date.parse(record.expires_at) <= now;
}
