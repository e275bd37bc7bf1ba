import { describe, expect, it } from "vitest";
import { LoopGuard } from "../../../src/engine/guard/loop-guard";

describe("LoopGuard", () => {
  it("lets a call through five times in 60 s and says how long the sixth must wait", () => {
    const guard = new LoopGuard();
    for (let i = 0; i < 5; i++) {
      expect(guard.wait("a", i * 1000)).toBe(0);
      guard.record("a", i * 1000);
    }
    expect(guard.wait("a", 10_000)).toBe(50);
    expect(guard.wait("b", 10_000)).toBe(0);
    expect(guard.wait("a", 59_999)).toBe(1);
    // The first of the five falls out of the window after 60 s.
    expect(guard.wait("a", 60_000)).toBe(0);
  });

  it("forgets a call it was told never reached eDesk", () => {
    const guard = new LoopGuard();
    for (let i = 0; i < 5; i++) guard.record("a", i);
    guard.forget("a", 4);
    expect(guard.wait("a", 10)).toBe(0);
  });

  it("remembers a bounded number of calls", () => {
    const guard = new LoopGuard();
    for (let i = 0; i < 5; i++) guard.record("first", 0);
    for (let i = 0; i < 1_000; i++) guard.record(`other-${i}`, 0);
    expect(guard.wait("first", 1)).toBe(0);
  });
});
