import { KINDS, type Kind, type TenantData, type TenantMeta } from "./types";

/** Where record changes are written through to (the Durable Object's SQLite storage). */
export interface Sink {
  write(kind: Kind, record: { id: number }): void;
  remove(kind: Kind, id: number): void;
  writeMeta(meta: TenantMeta): void;
}

/** A sink that keeps nothing, for pure unit tests of handlers. */
export const NULL_SINK: Sink = { write() {}, remove() {}, writeMeta() {} };

/** One line of the test-only request log (`GET /__sim/requests`). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  time: string;
  /** The kind of the injected fault that shaped this answer, if any (`PUT /__sim/faults`). */
  fault?: string;
}

// The log is for tests and demos; a cap keeps a long benchmark from growing storage unbounded.
const LOG_LIMIT = 10_000;

/**
 * The tenant's durable state in the Durable Object's SQLite storage: records as JSON rows keyed
 * by (kind, id), account meta and settings, and the request log. Uses the synchronous SQL API,
 * so a handler's writes commit together without interleaving (no awaits in between).
 */
export class SqlDb implements Sink {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, id INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID",
    );
    this.sql.exec("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, json TEXT NOT NULL)");
    this.sql.exec(
      "CREATE TABLE IF NOT EXISTS requests (seq INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL)",
    );
  }

  /** The stored dataset, or null when the tenant has never been seeded. */
  load(): TenantData | null {
    const meta = this.getSetting<TenantMeta>("meta");
    if (!meta) return null;
    const data = { meta } as TenantData;
    for (const kind of KINDS) (data[kind] as unknown[]) = [];
    const rows = this.sql.exec<{ kind: string; json: string }>("SELECT kind, json FROM records");
    for (const row of rows) {
      (data[row.kind as Kind] as unknown[] | undefined)?.push(JSON.parse(row.json));
    }
    return data;
  }

  /** Replaces every record with `data` in one transaction (seed and reset). */
  replaceAll(data: TenantData): void {
    this.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM records");
      for (const kind of KINDS) {
        for (const record of data[kind]) this.write(kind, record);
      }
      this.writeMeta(data.meta);
    });
  }

  write(kind: Kind, record: { id: number }): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO records (kind, id, json) VALUES (?, ?, ?)",
      kind,
      record.id,
      JSON.stringify(record),
    );
  }

  remove(kind: Kind, id: number): void {
    this.sql.exec("DELETE FROM records WHERE kind = ? AND id = ?", kind, id);
  }

  writeMeta(meta: TenantMeta): void {
    this.setSetting("meta", meta);
  }

  getSetting<T>(key: string): T | undefined {
    const rows = this.sql.exec<{ json: string }>("SELECT json FROM settings WHERE key = ?", key);
    const row = rows.toArray()[0];
    return row ? (JSON.parse(row.json) as T) : undefined;
  }

  setSetting(key: string, value: unknown): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO settings (key, json) VALUES (?, ?)",
      key,
      JSON.stringify(value),
    );
  }

  deleteSetting(key: string): void {
    this.sql.exec("DELETE FROM settings WHERE key = ?", key);
  }

  appendRequest(entry: RequestLogEntry): void {
    const seq = this.sql
      .exec<{
        seq: number;
      }>("INSERT INTO requests (json) VALUES (?) RETURNING seq", JSON.stringify(entry))
      .one().seq;
    if (seq % 500 === 0) this.sql.exec("DELETE FROM requests WHERE seq <= ?", seq - LOG_LIMIT);
  }

  listRequests(): RequestLogEntry[] {
    return this.sql
      .exec<{ json: string }>("SELECT json FROM requests ORDER BY seq ASC")
      .toArray()
      .map((row) => JSON.parse(row.json) as RequestLogEntry);
  }

  clearRequests(): void {
    this.sql.exec("DELETE FROM requests");
  }
}
