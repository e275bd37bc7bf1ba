import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../lib/env";
import { sameDigest } from "../tokens/token";
import { MAX_KEYS, type KeyView } from "./schemas";

/** A stored key: its public view and the SHA-256 hex of the key. The key itself is never kept. */
export interface KeyRecord extends KeyView {
  hash: string;
}

const PREFIX = "key:";

/**
 * The one Durable Object that holds every API key created through the admin API. A Durable
 * Object, not KV: KV is eventually consistent (a delete can take 60 s to reach every location),
 * and a revoked key must fail on the very next request (docs/architecture.md §2). Keys are few (bounded
 * by MAX_KEYS), so one object keeps them all in memory and answers a check without storage I/O.
 */
export class KeyObject extends DurableObject<Env> {
  private keys: Map<string, KeyRecord> | undefined;

  private async all(): Promise<Map<string, KeyRecord>> {
    this.keys ??= new Map(
      [...(await this.ctx.storage.list<KeyRecord>({ prefix: PREFIX })).values()].map((k) => [
        k.id,
        k,
      ]),
    );
    return this.keys;
  }

  /** Stores a new key; false when MAX_KEYS already exist. */
  async create(record: KeyRecord): Promise<boolean> {
    const keys = await this.all();
    if (keys.size >= MAX_KEYS) return false;
    await this.ctx.storage.put(PREFIX + record.id, record);
    keys.set(record.id, record);
    return true;
  }

  /** Every key, oldest first, without its hash. */
  async list(): Promise<KeyView[]> {
    return [...(await this.all()).values()]
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .map(({ hash: _hash, ...view }) => view);
  }

  async remove(id: string): Promise<boolean> {
    const keys = await this.all();
    if (!keys.delete(id)) return false;
    await this.ctx.storage.delete(PREFIX + id);
    return true;
  }

  /**
   * The key whose hash is `hash`, or null. Every stored hash is compared in constant time, as
   * the environment's keys are, so timing tells nothing about which digest came close.
   */
  async find(hash: string): Promise<Pick<KeyView, "id" | "scope" | "account_ids"> | null> {
    let found: KeyRecord | null = null;
    for (const record of (await this.all()).values()) {
      if (sameDigest(hash, record.hash)) found = record;
    }
    return found && { id: found.id, scope: found.scope, account_ids: found.account_ids };
  }
}
