import { CLIENT_NAME_MAX, CLIENT_VERSION_MAX } from "../mcp/client-identity";
import type { GuardOutcome } from "../../engine/guard/call-guard";

/** The audit trail keeps this many most recent tool calls per server. */
export const AUDIT_LIMIT = 500;

/** Queued rows are written this long after the first of them. */
export const AUDIT_FLUSH_MS = 100;

/** A row names at most this many arguments, each cut to AUDIT_MAX_NAME characters. */
export const AUDIT_MAX_KEYS = 32;
export const AUDIT_MAX_NAME = 64;
/** Tool names are client-sent on refusals; cut to this length. */
export const AUDIT_MAX_TOOL = 100;
/** Columns added after the table first shipped: added to a stored table on first use. */
const ADDED_COLUMNS: Readonly<Record<string, string>> = {
  client_name: "TEXT",
  client_version: "TEXT",
  guard: "TEXT NOT NULL DEFAULT 'plain'",
};
/** A stored `argument_keys` longer than this (a row written before the bounds) reads as []. */
const MAX_STORED_KEYS_TEXT = AUDIT_MAX_KEYS * (AUDIT_MAX_NAME + 8);

export interface AuditEntry {
  at: string;
  tool: string;
  argument_keys: string[];
  upstream_status: number | null;
  duration_ms: number;
  is_error: boolean;
  /** The MCP client that made the call, as it named itself; null on rows from before. */
  client_name: string | null;
  client_version: string | null;
  /** What the guard rails did: plain, confirmed, declined, refused_* (engine/guard/call-guard.ts). */
  guard: GuardOutcome;
}

/**
 * Per-server audit trail in the ServerObject's SQLite storage: argument keys, never values.
 *
 * Rows are queued and written in one batch AUDIT_FLUSH_MS after the first of them, after the
 * answers they describe have left. Measured against a write per call (docs/bench/BENCHMARKS.md): a row
 * written before the answer held it at the output gate until durable (+0.4 ms wall per call),
 * and each commit cost about 0.2 ms of the object's CPU, the largest single item in a profile of
 * a tool call. The price: a crash or restart of the object loses rows not yet written, at most
 * AUDIT_FLUSH_MS worth; docs/storage.md says so.
 */
export class AuditTrail {
  private ready = false;
  private pending: AuditEntry[] = [];

  constructor(private readonly sql: SqlStorage) {}

  private ensure() {
    if (this.ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL, tool TEXT NOT NULL, argument_keys TEXT NOT NULL,
      upstream_status INTEGER, duration_ms REAL NOT NULL, is_error INTEGER NOT NULL)`);
    addMissingColumns(this.sql, "audit", ADDED_COLUMNS);
    this.ready = true;
  }

  /** Queues a row, bounded; true when the queue was empty, i.e. the caller must schedule `flush`. */
  add(entry: AuditEntry): boolean {
    this.pending.push({
      ...entry,
      tool: entry.tool.slice(0, AUDIT_MAX_TOOL),
      argument_keys: boundedKeys(entry.argument_keys),
      client_name: entry.client_name?.slice(0, CLIENT_NAME_MAX) ?? null,
      client_version: entry.client_version?.slice(0, CLIENT_VERSION_MAX) ?? null,
    });
    return this.pending.length === 1;
  }

  /** Writes the queued rows (one implicit transaction) and keeps the newest AUDIT_LIMIT. */
  flush() {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.ensure();
    for (const entry of rows) {
      this.sql.exec(
        `INSERT INTO audit (at, tool, argument_keys, upstream_status, duration_ms, is_error,
          client_name, client_version, guard) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        entry.at,
        entry.tool,
        JSON.stringify(entry.argument_keys),
        entry.upstream_status,
        entry.duration_ms,
        entry.is_error ? 1 : 0,
        entry.client_name,
        entry.client_version,
        entry.guard,
      );
    }
    this.sql.exec("DELETE FROM audit WHERE seq <= (SELECT MAX(seq) FROM audit) - ?", AUDIT_LIMIT);
  }

  /**
   * Newest first. Every column is bounded in SQL, so whatever rows hold (rows written before
   * the bounds, up to 1 MiB each, once made the RPC reply exceed 32 MiB: a 500), a full
   * page stays small and parses.
   */
  list(limit = 100): AuditEntry[] {
    this.flush();
    this.ensure();
    const rows = this.sql
      .exec<{
        at: string;
        tool: string;
        argument_keys: string;
        upstream_status: number | null;
        duration_ms: number;
        is_error: number;
        client_name: string | null;
        client_version: string | null;
        guard: string;
      }>(
        `SELECT substr(at, 1, 40) AS at, substr(tool, 1, ${AUDIT_MAX_TOOL}) AS tool,
          CASE WHEN length(argument_keys) <= ${MAX_STORED_KEYS_TEXT} THEN argument_keys ELSE '[]'
          END AS argument_keys, upstream_status, duration_ms, is_error,
          substr(client_name, 1, ${CLIENT_NAME_MAX}) AS client_name,
          substr(client_version, 1, ${CLIENT_VERSION_MAX}) AS client_version,
          substr(guard, 1, 32) AS guard
          FROM audit ORDER BY seq DESC LIMIT ?`,
        Math.trunc(Math.min(Math.max(limit, 1), AUDIT_LIMIT)),
      )
      .toArray();
    return rows.map((row) => ({
      at: row.at,
      tool: row.tool,
      argument_keys: boundedKeys(parseKeys(row.argument_keys)),
      upstream_status: row.upstream_status,
      duration_ms: row.duration_ms,
      is_error: row.is_error === 1,
      client_name: row.client_name,
      client_version: row.client_version,
      guard: row.guard as GuardOutcome,
    }));
  }

  /** Drops queued rows and the prepared state: the object's storage is being wiped. */
  reset() {
    this.pending = [];
    this.ready = false;
  }
}

/**
 * Adds the columns a stored table lacks, keeping its rows (they read NULL there). SQLite has
 * no `ADD COLUMN IF NOT EXISTS`, so the table's own column list decides.
 */
function addMissingColumns(
  sql: SqlStorage,
  table: string,
  columns: Readonly<Record<string, string>>,
) {
  const present = new Set(
    sql
      .exec<{ name: string }>("SELECT name FROM pragma_table_info(?)", table)
      .toArray()
      .map((row) => row.name),
  );
  for (const [name, type] of Object.entries(columns)) {
    if (!present.has(name)) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  }
}

/** At most AUDIT_MAX_KEYS names, each a string of at most AUDIT_MAX_NAME characters. */
function boundedKeys(keys: readonly unknown[]): string[] {
  return keys.slice(0, AUDIT_MAX_KEYS).map((key) => String(key).slice(0, AUDIT_MAX_NAME));
}

function parseKeys(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
