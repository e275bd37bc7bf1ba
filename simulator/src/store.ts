import { notFound } from "./errors";
import type { Sink } from "./storage";
import {
  KINDS,
  type Collections,
  type Kind,
  type TenantData,
  type TenantMeta,
  type User,
} from "./types";

/**
 * One collection of a tenant, held in memory and written through to storage on every change,
 * so reads never touch storage (the product's benchmark compares against direct calls).
 */
export class Collection<T extends { id: number }> {
  private maxId = 0;

  constructor(
    private readonly kind: Kind,
    private readonly rows: Map<number, T>,
    private readonly sink: Sink,
  ) {
    for (const id of rows.keys()) this.maxId = Math.max(this.maxId, id);
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  /**
   * The record or a 404 in the eDesk envelope.
   * GUESS: §3 infers 404 for unknown ids in the path (references inside a body are 400/4002).
   */
  require(id: number, label: string): T {
    const record = this.rows.get(id);
    if (!record) throw notFound(`${label} ${id} not found`);
    return record;
  }

  /** All records in ascending id order. */
  all(): T[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id);
  }

  put(record: T): T {
    this.rows.set(record.id, record);
    this.maxId = Math.max(this.maxId, record.id);
    this.sink.write(this.kind, record);
    return record;
  }

  remove(id: number): void {
    this.rows.delete(id);
    this.sink.remove(this.kind, id);
  }

  /** Ids grow past every id ever used, so new records sort last and `messages_ids` stay ascending. */
  nextId(): number {
    return this.maxId + 1;
  }
}

type CollectionMap = { [K in Kind]: Collection<Collections[K]> };

/** A tenant's in-memory dataset. */
export class Store {
  readonly c: CollectionMap;
  private metaValue: TenantMeta;

  constructor(
    data: TenantData,
    private readonly sink: Sink,
  ) {
    const entries = KINDS.map((kind) => {
      const rows = new Map<number, { id: number }>();
      for (const record of data[kind]) rows.set(record.id, record);
      return [kind, new Collection(kind, rows, sink)] as const;
    });
    this.c = Object.fromEntries(entries) as unknown as CollectionMap;
    this.metaValue = { ...data.meta };
  }

  get meta(): TenantMeta {
    return this.metaValue;
  }

  /** The user behind the account's API tokens (`GET /whoami`, §1). */
  whoami(): User {
    return this.c.users.require(this.metaValue.whoami_user_id, "User");
  }

  nextOrderItemId(): number {
    return this.bump("next_order_item_id");
  }

  nextAttachmentId(): number {
    return this.bump("next_attachment_id");
  }

  private bump(key: "next_order_item_id" | "next_attachment_id"): number {
    const id = this.metaValue[key];
    this.metaValue = { ...this.metaValue, [key]: id + 1 };
    this.sink.writeMeta(this.metaValue);
    return id;
  }
}
