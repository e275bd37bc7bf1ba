import type { RateLimitFigures } from "../../edesk/rate-limit";
import { LEASE_MS, MAX_LEASE, type LeaseGrant } from "./account-budget";

/** The AccountObject's side of the account budget, as a server sees it. */
export interface AccountLeaser {
  /**
   * Tokens for `server`; `unlimited` when the account has no budget. `back`: the unspent tokens
   * of the server's previous lease, given back first.
   */
  leaseTokens(
    server: string,
    want: number,
    back?: { lease: number; unused: number },
  ): Promise<LeaseGrant | { unlimited: true }>;
  giveBackTokens(lease: number, unused: number): Promise<unknown>;
}

/** How long a server trusts "this account has no budget" before it asks again. */
const UNLIMITED_RECHECK_MS = 60_000;

/**
 * One server's share of its account's budget (account-budget.ts): a lease of a few tokens held
 * in memory, so most eDesk requests cost no round trip to the AccountObject. One lease request
 * is in flight at a time, sized by how many requests this server sent in the last second and
 * how many wait; unspent tokens go back when the lease ends. A refusal is remembered until the
 * account said a token would be there again, so an exhausted budget costs no round trips either.
 */
export class AccountAllowance {
  private tokens = 0;
  private lease = -1;
  private until = 0;
  private unlimitedUntil = 0;
  private refused: { until: number; figures: RateLimitFigures } | undefined;
  private pending: Promise<void> | undefined;
  private waiting = 0;
  private pace = { second: 0, count: 0, previous: 0 };
  private returnTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly server: string,
    private readonly leaser: () => AccountLeaser,
    readonly now: () => number = Date.now,
  ) {}

  /** One token for one eDesk request; the account budget's figures when there is none. */
  async take(): Promise<RateLimitFigures | undefined> {
    this.count(this.now());
    for (let attempt = 0; ; attempt++) {
      const now = this.now();
      if (now < this.unlimitedUntil) return undefined;
      if (this.tokens > 0 && now < this.until) {
        this.tokens--;
        return undefined;
      }
      if (this.refused && now < this.refused.until) return this.refused.figures;
      if (attempt === 3) return this.refused?.figures ?? { limit: 0, remaining: 0, reset: 1 };
      this.waiting++;
      try {
        await (this.pending ??= this.refill().finally(() => (this.pending = undefined)));
      } finally {
        this.waiting--;
      }
    }
  }

  /** Forgets the lease and what the account said: its budget changed. */
  reset(): void {
    this.giveBack();
    this.unlimitedUntil = 0;
    this.refused = undefined;
  }

  private async refill(): Promise<void> {
    clearTimeout(this.returnTimer);
    const back = this.tokens > 0 ? { lease: this.lease, unused: this.tokens } : undefined;
    this.tokens = 0;
    const asked = this.now();
    const recent = Math.max(this.pace.count, this.pace.previous);
    const paced = Math.ceil((recent * LEASE_MS) / 1000);
    const want = Math.min(MAX_LEASE, Math.max(1, this.waiting, paced));
    const grant = await this.leaser().leaseTokens(this.server, want, back);
    if ("unlimited" in grant) {
      this.unlimitedUntil = asked + UNLIMITED_RECHECK_MS;
      return;
    }
    if (grant.granted === 0) {
      this.refused = { until: asked + grant.wait_ms, figures: grant.figures };
      return;
    }
    this.refused = undefined;
    this.tokens = grant.granted;
    this.lease = grant.lease;
    // Counted from when we asked, on our own clock: the grant can only be younger.
    this.until = asked + LEASE_MS;
    clearTimeout(this.returnTimer);
    this.returnTimer = setTimeout(() => this.giveBack(), LEASE_MS);
  }

  /** Gives the unspent tokens of the current lease back to the account (off the call path). */
  private giveBack(): void {
    clearTimeout(this.returnTimer);
    const unused = this.tokens;
    this.tokens = 0;
    if (unused > 0) {
      this.leaser()
        .giveBackTokens(this.lease, unused)
        .catch(() => {});
    }
  }

  /** Requests per second slot, this one and the one before, for the next lease's size. */
  private count(now: number): void {
    const second = Math.floor(now / 1000);
    if (second !== this.pace.second) {
      this.pace = {
        second,
        count: 0,
        previous: second === this.pace.second + 1 ? this.pace.count : 0,
      };
    }
    this.pace.count++;
  }
}
