import { boundedCapabilities, boundedClientInfo } from "./client-info";

/** Sessions idle longer than this are forgotten; the client then initialises a new one. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Stored 2025-era sessions per server. Opening one more forgets the session used least
 * recently. Far above what one server's clients hold open (`npm run soak` runs 200), and with
 * bounded declarations at most a few MB of storage.
 */
export const MAX_SESSIONS = 500;
/**
 * Legacy keys (`session:<id>`, before the table) moved or deleted per pruning pass; few, as one
 * such key may hold up to 1 MB.
 */
const LEGACY_BATCH = 5;
const LEGACY_PREFIX = "session:";

/** What a session needs to be restored after the object was evicted from memory. */
export interface SessionMeta {
  protocolVersion: string;
  clientInfo: unknown;
  capabilities: unknown;
  last_seen: number;
}

/** A session's record with what the client sent bounded (client-info.ts). */
function bounded(meta: SessionMeta): SessionMeta {
  return {
    protocolVersion: String(meta.protocolVersion).slice(0, 32),
    clientInfo: boundedClientInfo(meta.clientInfo),
    capabilities: boundedCapabilities(meta.capabilities),
    last_seen: meta.last_seen,
  };
}

interface Row extends Record<string, SqlStorageValue> {
  id: string;
  protocol_version: string;
  client_info: string;
  capabilities: string;
  last_seen: number;
}

/**
 * The 2025-era sessions of one server in its SQLite storage, indexed by `last_seen`, so that
 * pruning (idle past the TTL, or past MAX_SESSIONS) deletes rows in SQL without reading every
 * stored session into memory.
 */
export class SessionTable {
  private ready = false;
  /** Whether this instance found no legacy key left (none are written any more). */
  private legacyGone = false;

  constructor(private readonly storage: DurableObjectStorage) {}

  private get sql(): SqlStorage {
    if (!this.ready) {
      this.storage.sql.exec(`CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY, protocol_version TEXT NOT NULL, client_info TEXT NOT NULL,
        capabilities TEXT NOT NULL, last_seen INTEGER NOT NULL)`);
      this.storage.sql.exec(
        "CREATE INDEX IF NOT EXISTS sessions_by_last_seen ON sessions (last_seen)",
      );
      this.ready = true;
    }
    return this.storage.sql;
  }

  /** The stored session, moving it from a legacy key written before this table if need be. */
  async get(id: string): Promise<SessionMeta | undefined> {
    const [row] = this.sql.exec<Row>("SELECT * FROM sessions WHERE id = ?", id).toArray();
    if (row) {
      return {
        protocolVersion: row.protocol_version,
        clientInfo: JSON.parse(row.client_info),
        capabilities: JSON.parse(row.capabilities),
        last_seen: row.last_seen,
      };
    }
    const legacy = await this.storage.get<SessionMeta>(LEGACY_PREFIX + id);
    if (!legacy) return undefined;
    await this.storage.delete(LEGACY_PREFIX + id);
    const meta = bounded(legacy);
    this.put(id, meta);
    return meta;
  }

  /** Stores a session; its declarations are bounded here whatever the caller passed. */
  put(id: string, meta: SessionMeta): void {
    const { protocolVersion, clientInfo, capabilities, last_seen } = bounded(meta);
    this.sql.exec(
      `INSERT OR REPLACE INTO sessions (id, protocol_version, client_info, capabilities, last_seen)
       VALUES (?, ?, ?, ?, ?)`,
      id,
      protocolVersion,
      JSON.stringify(clientInfo),
      JSON.stringify(capabilities),
      last_seen,
    );
  }

  touch(id: string, at: number): void {
    this.sql.exec("UPDATE sessions SET last_seen = ? WHERE id = ?", at, id);
  }

  delete(id: string): void {
    this.sql.exec("DELETE FROM sessions WHERE id = ?", id);
  }

  /**
   * Deletes the sessions idle past the TTL and, beyond MAX_SESSIONS, the least recently used,
   * and moves a few legacy keys into the table; returns the ids deleted.
   */
  async prune(now: number): Promise<string[]> {
    await this.moveLegacyKeys(now);
    const gone = this.sql
      .exec<{
        id: string;
      }>("DELETE FROM sessions WHERE last_seen < ? RETURNING id", now - SESSION_TTL_MS)
      .toArray();
    const { count } = this.sql
      .exec<{ count: number }>("SELECT COUNT(*) AS count FROM sessions")
      .one();
    if (count > MAX_SESSIONS) {
      gone.push(
        ...this.sql
          .exec<{ id: string }>(
            `DELETE FROM sessions WHERE id IN
               (SELECT id FROM sessions ORDER BY last_seen, rowid LIMIT ?) RETURNING id`,
            count - MAX_SESSIONS,
          )
          .toArray(),
      );
    }
    return gone.map((row) => row.id);
  }

  /** Forgets the prepared state after the object's storage is wiped. */
  reset(): void {
    this.ready = false;
    this.legacyGone = false;
  }

  /** A few sessions stored as keys before this table, moved here (bounded) or, if idle, dropped. */
  private async moveLegacyKeys(now: number): Promise<void> {
    if (this.legacyGone) return;
    const legacy = await this.storage.list<SessionMeta>({
      prefix: LEGACY_PREFIX,
      limit: LEGACY_BATCH,
    });
    this.legacyGone = legacy.size < LEGACY_BATCH;
    if (legacy.size === 0) return;
    for (const [key, meta] of legacy) {
      if (now - meta.last_seen <= SESSION_TTL_MS) this.put(key.slice(LEGACY_PREFIX.length), meta);
    }
    await this.storage.delete([...legacy.keys()]);
  }
}
