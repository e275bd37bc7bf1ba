import type { RateLimitFigures } from "../../edesk/rate-limit";

/**
 * A budget of N calls a minute, shaped like eDesk's own limit (docs/edesk-api.md §3: a 60-request
 * burst refilled at 2 a second is 120 a minute with half a minute's worth at once): a token
 * bucket that holds N/2 calls (at least one) and refills N/60 a second. Over any 60 s window it
 * lets at most 1.5 N through, over a long run N a minute.
 *
 * Kept as a theoretical arrival time (GCRA), so taking and giving back are exact arithmetic:
 * `tat` is when the bucket would be full again; tokens(now) = capacity - (tat - now) * rate.
 */
export class TokenBucket {
  /** Tokens the bucket holds when full. */
  readonly capacity: number;
  /** Tokens per millisecond. */
  private readonly rate: number;
  private tat = 0;

  /**
   * `reserve` tokens of the burst are never handed out: room for tokens handed out now but
   * spent a little later (account-budget.ts leases).
   */
  constructor(
    readonly perMinute: number,
    reserve = 0,
  ) {
    this.rate = perMinute / 60_000;
    this.capacity = Math.max(1, perMinute / 2 - reserve);
  }

  /** Tokens available at `now` (fractional while refilling). */
  available(now: number): number {
    return this.capacity - Math.max(0, this.tat - now) * this.rate;
  }

  /** Takes up to `want` whole tokens; returns how many it took (0 when none is there). */
  take(want: number, now: number): number {
    const granted = Math.max(0, Math.min(want, Math.floor(this.available(now) + 1e-9)));
    if (granted > 0) this.tat = Math.max(this.tat, now) + granted / this.rate;
    return granted;
  }

  /** The bucket's state after the last `take`, to recognise it when tokens come back. */
  get mark(): number {
    return this.tat;
  }

  /**
   * Puts back `count` tokens of the last take, only if nothing was taken since (`mark` still
   * holds): then the bucket is exactly as if they had never been taken. Returns whether it did.
   */
  giveBack(count: number, mark: number): boolean {
    if (count <= 0 || mark !== this.tat) return false;
    this.tat -= count / this.rate;
    return true;
  }

  /**
   * The figures a refused caller gets (docs/architecture.md §1 names): `limit` is the budget per minute,
   * `remaining` the whole tokens now, `reset` seconds until one token when none is left, else
   * until the bucket is full.
   */
  figures(now: number): RateLimitFigures {
    const tokens = this.available(now);
    const remaining = Math.max(0, Math.floor(tokens + 1e-9));
    const missing = remaining === 0 ? 1 - tokens : this.capacity - tokens;
    return {
      limit: this.perMinute,
      remaining,
      reset: Math.max(remaining === 0 ? 1 : 0, Math.ceil(missing / this.rate / 1000 - 1e-9)),
    };
  }
}
