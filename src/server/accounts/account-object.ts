import { DurableObject } from "cloudflare:workers";
import type { EncryptedSecret } from "../../lib/crypto/credentials";
import { objectStub, type Env } from "../../lib/env";
import { AccountBudget, type LeaseGrant } from "../../engine/guard/account-budget";
import { accountBudget } from "../../engine/guard/settings";

/**
 * The stored account: what the admin API shows of it, plus encrypted credentials and its
 * servers' ids. A record written before budgets existed has no `max_calls_per_minute`: the
 * default applies (engine/guard/settings.ts `accountBudget`).
 */
export interface AccountRecord {
  id: string;
  integration: "edesk";
  name: string;
  created_at: string;
  max_calls_per_minute?: number | null;
  credentials: EncryptedSecret;
  server_ids: string[];
}

const RECORD = "record";

/**
 * One Durable Object per integrated account: the strongly consistent home of its encrypted
 * eDesk credentials and of the list of its MCP servers (needed to revoke them all).
 */
export class AccountObject extends DurableObject<Env> {
  /**
   * The budget in force, in memory only: after an eviction it starts full, as it would be by
   * then anyway (an object is evicted after far longer idle than a bucket takes to refill).
   */
  private budget: AccountBudget | null | undefined;
  /** Clock of the budget; tests move it instead of sleeping. */
  now: () => number = Date.now;

  private async read(): Promise<AccountRecord | null> {
    return (await this.ctx.storage.get<AccountRecord>(RECORD)) ?? null;
  }

  /**
   * Tokens of the account's budget for one of its servers (engine/guard/account-allowance.ts), after
   * taking back the unspent ones of its previous lease.
   */
  async leaseTokens(
    server: string,
    want: number,
    back?: { lease: number; unused: number },
  ): Promise<LeaseGrant | { unlimited: true }> {
    if (this.budget === undefined) {
      const record = await this.read();
      const perMinute = record ? accountBudget(record.max_calls_per_minute) : null;
      this.budget = perMinute === null ? null : new AccountBudget(perMinute);
    }
    if (!this.budget) return { unlimited: true };
    if (back) this.budget.giveBack(back.lease, back.unused);
    return this.budget.lease(server, want, this.now());
  }

  async giveBackTokens(lease: number, unused: number): Promise<boolean> {
    return this.budget?.giveBack(lease, unused) ?? false;
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
    max_calls_per_minute?: number | null;
  }): Promise<AccountRecord | null> {
    const record = await this.read();
    if (!record) return null;
    const next = { ...record, ...patch };
    await this.ctx.storage.put(RECORD, next);
    if (patch.max_calls_per_minute !== undefined) this.budget = undefined;
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

/** The AccountObject of an account id (wrangler.toml binds ACCOUNTS to this class). */
export function accountObject(env: Env, accountId: string): DurableObjectStub<AccountObject> {
  return objectStub<AccountObject>(env.ACCOUNTS, accountId);
}
