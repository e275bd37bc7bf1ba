import { describe, expect, it } from "vitest";
import { accountLimiter, RateLimitTracker } from "../../../src/edesk/rate-limit";
import { parseRetryAfter } from "../../../src/lib/http/retry-after";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("rate-limit bucket estimate (docs/edesk-api.md §3: burst 60, +2/s)", () => {
  it("reports a full bucket for an account never seen", () => {
    const tracker = new RateLimitTracker({ now: clock().now });
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 60, reset: 0 });
  });

  it("spends one token per request sent and reports seconds until full", () => {
    const time = clock();
    const tracker = new RateLimitTracker({ now: time.now });
    for (let i = 0; i < 10; i++) tracker.sent("acct");
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 50, reset: 5 });
  });

  it("refills two tokens per second, never above capacity", () => {
    const time = clock();
    const tracker = new RateLimitTracker({ now: time.now });
    for (let i = 0; i < 10; i++) tracker.sent("acct");
    time.advance(2_500);
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 55, reset: 3 });
    time.advance(60_000);
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 60, reset: 0 });
  });

  it("reports the wait for the next request once the bucket is empty", () => {
    const time = clock();
    const tracker = new RateLimitTracker({ now: time.now });
    for (let i = 0; i < 61; i++) tracker.sent("acct");
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 0, reset: 1 });
    time.advance(500);
    expect(tracker.figures("acct").remaining).toBe(1);
  });

  it("empties the bucket on a 429 even when the estimate still had quota", () => {
    const tracker = new RateLimitTracker({ now: clock().now });
    tracker.sent("acct");
    tracker.observed("acct", 429);
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 0, reset: 1 });
  });

  it("takes Retry-After over the bucket model until it has passed", () => {
    const time = clock();
    const tracker = new RateLimitTracker({ now: time.now });
    tracker.observed("acct", 429, "7");
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 0, reset: 7 });
    time.advance(6_000);
    expect(tracker.figures("acct")).toEqual({ limit: 60, remaining: 0, reset: 1 });
    time.advance(1_000);
    expect(tracker.figures("acct").remaining).toBeGreaterThan(0);
  });

  it("keeps accounts apart", () => {
    const tracker = new RateLimitTracker({ now: clock().now });
    tracker.observed("a", 429);
    expect(tracker.figures("b").remaining).toBe(60);
  });

  it("forgets the least recently used account beyond its bound", () => {
    const tracker = new RateLimitTracker({ now: clock().now, maxAccounts: 2 });
    tracker.sent("a");
    tracker.sent("b");
    tracker.sent("a");
    tracker.sent("c");
    expect(tracker.figures("a").remaining).toBe(58);
    expect(tracker.figures("b").remaining).toBe(60);
  });

  it("binds a tracker to one account key", () => {
    const tracker = new RateLimitTracker({ now: clock().now });
    const limiter = accountLimiter("k", tracker);
    limiter.sent();
    limiter.observed(200, null);
    expect(limiter.figures().remaining).toBe(59);
    expect(tracker.figures("k").remaining).toBe(59);
  });
});

describe("parseRetryAfter (RFC 9110 §10.2.3)", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("12", now)).toBe(12);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date as seconds from now, rounded up, never negative", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });

  it("ignores an absent or unreadable header", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });

  it("caps absurd delays at one day", () => {
    expect(parseRetryAfter("99999999", now)).toBe(86_400);
  });
});
