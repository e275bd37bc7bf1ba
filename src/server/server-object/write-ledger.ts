import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  IDEMPOTENCY_TTL_MS,
  type StoredWrite,
  type WriteLedger,
} from "../../engine/tools/idempotency";

/**
 * Outcomes of keyed creates in the ServerObject's SQLite storage (engine/tools/idempotency.ts), kept
 * 24 h. Rows hold the tool result as the caller saw it (the created object), never a token.
 */
export class WriteLedgerTable implements WriteLedger {
  private ready = false;

  constructor(
    private readonly sql: SqlStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private ensure() {
    if (this.ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, result TEXT NOT NULL, at INTEGER NOT NULL)`);
    this.ready = true;
  }

  get(key: string): StoredWrite | undefined {
    this.ensure();
    const [row] = this.sql
      .exec<{
        fingerprint: string;
        result: string;
        at: number;
      }>("SELECT fingerprint, result, at FROM idempotency WHERE key = ?", key)
      .toArray();
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      result: JSON.parse(row.result) as CallToolResult,
      at: row.at,
    };
  }

  put(key: string, write: StoredWrite): void {
    this.ensure();
    this.sql.exec("DELETE FROM idempotency WHERE at <= ?", this.now() - IDEMPOTENCY_TTL_MS);
    this.sql.exec(
      "INSERT OR REPLACE INTO idempotency (key, fingerprint, result, at) VALUES (?, ?, ?, ?)",
      key,
      write.fingerprint,
      JSON.stringify(write.result),
      write.at,
    );
  }

  /** Forgets the prepared state after the object's storage is wiped. */
  reset() {
    this.ready = false;
  }
}
