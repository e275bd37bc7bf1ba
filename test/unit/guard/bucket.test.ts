import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../src/engine/guard/bucket";

describe("TokenBucket (a budget shaped like eDesk's limit)", () => {
  it("lets half a minute's worth through at once, then N/60 a second", () => {
    const bucket = new TokenBucket(120); // eDesk's own: 60 at once, 2 a second
    expect(bucket.take(100, 0)).toBe(60);
    expect(bucket.take(1, 0)).toBe(0);
    expect(bucket.take(10, 499)).toBe(0);
    expect(bucket.take(10, 500)).toBe(1);
    expect(bucket.take(100, 10_500)).toBe(20);
  });

  it("reports the budget's figures: limit per minute, whole tokens left, seconds to wait", () => {
    const bucket = new TokenBucket(4); // 2 at once, one every 15 s
    expect(bucket.figures(0)).toEqual({ limit: 4, remaining: 2, reset: 0 });
    bucket.take(2, 0);
    expect(bucket.figures(0)).toEqual({ limit: 4, remaining: 0, reset: 15 });
    expect(bucket.figures(14_000)).toEqual({ limit: 4, remaining: 0, reset: 1 });
    expect(bucket.figures(15_000)).toEqual({ limit: 4, remaining: 1, reset: 15 });
  });

  it("gives tokens back exactly, and only while nothing was taken since", () => {
    const bucket = new TokenBucket(60);
    bucket.take(10, 0);
    const mark = bucket.mark;
    expect(bucket.giveBack(4, mark)).toBe(true);
    expect(bucket.available(0)).toBeCloseTo(24);
    bucket.take(1, 0);
    expect(bucket.giveBack(5, mark)).toBe(false);
    expect(bucket.available(0)).toBeCloseTo(23);
  });

  it("keeps a reserve out of the burst, and never holds less than one token", () => {
    expect(new TokenBucket(120, 2).capacity).toBe(58);
    expect(new TokenBucket(1).capacity).toBe(1);
  });
});
