import { BoundedMap } from "../lib/collections/bounded-map";
import { parseRetryAfter } from "../lib/http/retry-after";

/**
 * Upstream rate-limit figures as the tool engine reports them (`ratelimit-limit`,
 * `ratelimit-remaining`, `ratelimit-reset`, docs/architecture.md §1).
 *
 * - `limit`: the bucket capacity (60, docs/edesk-api.md §3).
 * - `remaining`: whole requests the account may still send now, by our estimate.
 * - `reset`: seconds (whole, rounded up). When `remaining` is 0 it is the wait until at least
 *   one request is allowed again; otherwise the time until the bucket is full again. A model
 *   that hits 0 needs "when can I retry", one that has quota left wants "when is it all back".
 */
export interface RateLimitFigures {
  limit: number;
  remaining: number;
  reset: number;
}

/** Options of a tracker; defaults are eDesk's documented bucket (docs/edesk-api.md §3). */
export interface RateLimitOptions {
  capacity?: number;
  refillPerSecond?: number;
  /** Clock in milliseconds; injectable for tests. */
  now?: () => number;
  /** Bound on the accounts tracked per isolate; the least recently used is dropped. */
  maxAccounts?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  blockedUntil: number;
}

// GUESS: eDesk sends no rate-limit headers (docs/edesk-api.md §3: none found in any source), so the
// figures are our own estimate: the documented token bucket (burst 60,
// +2/s) fed with the requests this isolate sends for the account. Other isolates and other
// apps sharing the token also spend quota, so the estimate is an upper bound on what is left;
// a 429 or a Retry-After from eDesk always overrides it.

/** Per-account token-bucket estimate of eDesk's rate limit, kept in a bounded in-memory map. */
export class RateLimitTracker {
  private readonly buckets: BoundedMap<string, Bucket>;
  private readonly capacity: number;
  private readonly rate: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.capacity = options.capacity ?? 60;
    this.rate = options.refillPerSecond ?? 2;
    this.now = options.now ?? Date.now;
    this.buckets = new BoundedMap(options.maxAccounts ?? 1000);
  }

  /** Counts one request sent on behalf of the account. */
  sent(key: string): void {
    const bucket = this.bucket(key);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  /**
   * Records what a response said about the limit: a 429 empties the bucket; a `Retry-After`
   * header (on any status) blocks the account until then.
   */
  observed(key: string, status: number, retryAfter: string | null = null): void {
    const bucket = this.bucket(key);
    if (status === 429) bucket.tokens = 0;
    const retryAfterSeconds = parseRetryAfter(retryAfter, bucket.at);
    if (retryAfterSeconds !== undefined) {
      bucket.blockedUntil = Math.max(bucket.blockedUntil, bucket.at + retryAfterSeconds * 1000);
    }
  }

  /** The current figures for the account (a full bucket if it was never seen). */
  figures(key: string): RateLimitFigures {
    const { tokens, at, blockedUntil } = this.bucket(key);
    const blockedMs = blockedUntil - at;
    if (blockedMs > 0) {
      return { limit: this.capacity, remaining: 0, reset: Math.ceil(blockedMs / 1000) };
    }
    const remaining = Math.floor(tokens);
    const missing = remaining === 0 ? 1 - tokens : this.capacity - tokens;
    return { limit: this.capacity, remaining, reset: Math.ceil(missing / this.rate) };
  }

  /** The account's bucket, refilled up to now and marked most recently used. */
  private bucket(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      const refill = (Math.max(0, now - bucket.at) / 1000) * this.rate;
      bucket.tokens = Math.min(this.capacity, bucket.tokens + refill);
      bucket.at = now;
    } else {
      bucket = { tokens: this.capacity, at: now, blockedUntil: 0 };
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}

/** One account's view of a tracker, as the eDesk client uses it. */
export interface AccountLimiter {
  sent(): void;
  observed(status: number, retryAfter: string | null): void;
  figures(): RateLimitFigures;
}

/** The tracker shared by every client in this isolate. */
export const sharedRateLimits = new RateLimitTracker();

/**
 * Binds a tracker to one account. `key` identifies the account's token without being it
 * (e.g. a SHA-256 of the API token or the account id): the map must never hold a secret.
 */
export function accountLimiter(
  key: string,
  tracker: RateLimitTracker = sharedRateLimits,
): AccountLimiter {
  return {
    sent: () => tracker.sent(key),
    observed: (status, retryAfter) => tracker.observed(key, status, retryAfter),
    figures: () => tracker.figures(key),
  };
}
