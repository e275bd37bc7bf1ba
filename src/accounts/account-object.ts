import { DurableObject } from "cloudflare:workers";
import type { EncryptedSecret } from "../crypto/credentials";
import type { AccountView } from "../admin/schemas";
import type { Env } from "../env";

/** The stored account: its public view plus encrypted credentials and its servers' ids. */
export interface AccountRecord extends AccountView {
  credentials: EncryptedSecret;
  server_ids: string[];
}

const RECORD = "record";

/**
 * One Durable Object per integrated account: the strongly consistent home of its encrypted
 * eDesk credentials and of the list of its MCP servers (needed to revoke them all).
 */
export class AccountObject extends DurableObject<Env> {
  private async read(): Promise<AccountRecord | null> {
    return (await this.ctx.storage.get<AccountRecord>(RECORD)) ?? null;
  }

  async create(record: AccountRecord): Promise<void> {
    await this.ctx.storage.put(RECORD, record);
  }

  async get(): Promise<AccountRecord | null> {
    return this.read();
  }

  async update(patch: {
    name?: string;
    credentials?: EncryptedSecret;
  }): Promise<AccountRecord | null> {
    const record = await this.read();
    if (!record) return null;
    const next = { ...record, ...patch };
    await this.ctx.storage.put(RECORD, next);
    return next;
  }

  async addServer(serverId: string): Promise<boolean> {
    const record = await this.read();
    if (!record) return false;
    if (!record.server_ids.includes(serverId)) record.server_ids.push(serverId);
    await this.ctx.storage.put(RECORD, record);
    return true;
  }

  async removeServers(serverIds: string[]): Promise<void> {
    const record = await this.read();
    if (!record) return;
    record.server_ids = record.server_ids.filter((id) => !serverIds.includes(id));
    await this.ctx.storage.put(RECORD, record);
  }

  /** Deletes the account and returns the ids of the servers the caller must revoke. */
  async destroy(): Promise<string[] | null> {
    const record = await this.read();
    if (!record) return null;
    await this.ctx.storage.deleteAll();
    return record.server_ids;
  }
}
