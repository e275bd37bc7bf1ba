/**
 * eDesk's rate limit (docs/edesk-api.md §3): a token bucket per API token, burst 60, refilled at
 * 2 requests per second. Over the limit the API answers 429 "Out of quota".
 */

export interface BucketConfig {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_BUCKET: BucketConfig = { capacity: 60, refillPerSecond: 2 };

/** Milliseconds since the epoch; injectable so tests need no sleeps. */
export type Clock = () => number;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly config: BucketConfig,
    now: number,
  ) {
    this.tokens = config.capacity;
    this.last = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(
      this.config.capacity,
      this.tokens + elapsed * this.config.refillPerSecond,
    );
    this.last = now;
  }

  /** Tokens available now (fractional while refilling). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /**
   * Takes one token. Returns 0 when allowed, else the whole seconds until one is available
   * (for `Retry-After`, which the simulator adds as a harmless extra, §3).
   */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return waitFor(this.config, 1 - this.tokens);
  }
}

/** Whole seconds until `missing` tokens have refilled (at least 1). */
function waitFor(config: BucketConfig, missing: number): number {
  const rate = config.refillPerSecond;
  // With refill switched off there is no honest wait; a minute is a safe hint.
  return rate > 0 ? Math.max(1, Math.ceil(missing / rate)) : 60;
}

/** The `Retry-After` of a 429 from an empty bucket: what an injected 429 sends too. */
export const retryAfterWhenEmpty = (config: BucketConfig) => waitFor(config, 1);

/** One bucket per token label, all sharing one configuration. */
export class BucketSet {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private config: BucketConfig = DEFAULT_BUCKET,
    private readonly clock: Clock = Date.now,
  ) {}

  get current(): BucketConfig {
    return this.config;
  }

  /** 0 when the request may proceed, else seconds to wait. */
  take(key: string): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.config, this.clock());
      this.buckets.set(key, bucket);
    }
    return bucket.take(this.clock());
  }

  /** New limits for every token; every bucket starts full again. */
  configure(config: BucketConfig): void {
    this.config = config;
    this.buckets.clear();
  }
}
