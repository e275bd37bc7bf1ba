import { describe, expect, it } from "vitest";
import { BoundedMap } from "../../src/lib/collections/bounded-map";

describe("BoundedMap", () => {
  it("drops the least recently set or read entry past its limit", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1);
    map.set("c", 3);
    expect(map.size).toBe(2);
    expect(map.peek("b")).toBeUndefined();
    expect(map.peek("a")).toBe(1);
    expect(map.peek("c")).toBe(3);
  });

  it("leaves the order alone on peek: first in, first out", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.peek("a")).toBe(1);
    map.set("c", 3);
    expect(map.peek("a")).toBeUndefined();
    expect(map.peek("b")).toBe(2);
  });

  it("keeps one entry per key when a key is set again", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3);
    map.set("c", 4);
    expect(map.peek("a")).toBe(3);
    expect(map.peek("b")).toBeUndefined();
    expect(map.delete("a")).toBe(true);
    expect(map.size).toBe(1);
  });
});
