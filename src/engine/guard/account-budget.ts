import type { RateLimitFigures } from "../../edesk/rate-limit";
import { TokenBucket } from "./bucket";

/**
 * How long a lease of tokens may be spent. A token handed out is spent at most this long after
 * the account's bucket let it go, so the bucket keeps this much refill in reserve: whatever
 * the servers do with their leases, the requests they send in any window stay within the
 * budget (capacity - reserve + rate * (window + LEASE_MS) = capacity + rate * window).
 */
export const LEASE_MS = 1_000;

/** The most tokens one lease carries. */
export const MAX_LEASE = 64;

/**
 * What a server gets when it asks the account for tokens. The tokens may be spent for LEASE_MS
 * from when the server asked (its own clock: the grant can only be younger than that).
 */
export interface LeaseGrant {
  /** Tokens granted; 0 when the budget is spent. */
  granted: number;
  /** Names this lease when unused tokens are given back. */
  lease: number;
  /** The budget's figures after this grant. */
  figures: RateLimitFigures;
  /** When nothing was granted: milliseconds until one token is there again. */
  wait_ms: number;
}

/**
 * The account's budget of eDesk requests per minute, shared by all its servers (README "Guard
 * rails"). It lives in the AccountObject, so it is one budget wherever the servers run. Servers
 * do not ask once per request: they lease a few tokens at a time (account-allowance.ts), sized
 * by their own recent pace and capped by a fair share of what is left, and give back what they
 * did not spend.
 */
export class AccountBudget {
  private readonly bucket: TokenBucket;
  private leases = 0;
  private last = { lease: -1, granted: 0, mark: Number.NaN };
  /** Servers that leased within the last LEASE_MS, for the fair share. */
  private readonly holders = new Map<string, number>();

  /** Tokens per millisecond. */
  private readonly rate: number;

  constructor(readonly perMinute: number) {
    this.rate = perMinute / 60_000;
    this.bucket = new TokenBucket(perMinute, (perMinute / 60_000) * LEASE_MS);
  }

  lease(server: string, want: number, now: number): LeaseGrant {
    this.holders.set(server, now);
    for (const [id, at] of this.holders) if (now - at > LEASE_MS) this.holders.delete(id);
    const available = Math.floor(this.bucket.available(now) + 1e-9);
    const share = Math.max(1, Math.ceil(available / this.holders.size));
    const asked = Math.max(1, Math.min(Math.floor(want) || 1, MAX_LEASE, share));
    const granted = this.bucket.take(asked, now);
    const lease = ++this.leases;
    if (granted > 0) this.last = { lease, granted, mark: this.bucket.mark };
    const wait =
      granted > 0 ? 0 : Math.max(1, Math.ceil((1 - this.bucket.available(now)) / this.rate));
    return { granted, lease, figures: this.bucket.figures(now), wait_ms: wait };
  }

  /** Tokens of a lease that were not spent; they count again if no lease was granted since. */
  giveBack(lease: number, unused: number): boolean {
    if (lease !== this.last.lease) return false;
    const back = this.bucket.giveBack(Math.min(unused, this.last.granted), this.last.mark);
    if (back) this.last = { lease: -1, granted: 0, mark: Number.NaN };
    return back;
  }
}
