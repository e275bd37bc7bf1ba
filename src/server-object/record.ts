import type { EncryptedSecret } from "../crypto/credentials";
import type { ServerView } from "../admin/schemas";

/** What a ServerObject stores about its MCP server. The raw token is never stored. */
export interface ServerRecord extends ServerView {
  token_hash: string;
  /** A copy of the account's encrypted eDesk credentials, replaced on rotation. */
  credentials: EncryptedSecret;
}

export function toView(record: ServerRecord): ServerView {
  const { token_hash: _hash, credentials: _credentials, ...view } = record;
  return view;
}

export function isExpired(record: ServerRecord, now = Date.now()): boolean {
  return record.expires_at !== null && Date.parse(record.expires_at) <= now;
}
