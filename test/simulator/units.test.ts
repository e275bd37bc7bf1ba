import { describe, expect, it } from "vitest";
import { authenticate } from "../../simulator/src/auth";
import { controlEnabled, parseTokens, tenantsOf } from "../../simulator/src/config";
import { formatDateTime, isDateTime, isDay } from "../../simulator/src/dates";
import { sortRows } from "../../simulator/src/list-query";
import { readPaging } from "../../simulator/src/paging";
import { BucketSet, TokenBucket } from "../../simulator/src/rate-limit";
import { valueFits } from "../../simulator/src/resources/custom-fields";
import { Check } from "../../simulator/src/validate";

describe("configuration", () => {
  it("parses token:tenant[:ro] entries and marks read-only tokens", () => {
    const grants = parseTokens(" a:demo , b:demo:ro,c:acme,broken,:x");
    expect(grants.map(({ token, tenant, readOnly }) => [token, tenant, readOnly])).toEqual([
      ["a", "demo", false],
      ["b", "demo", true],
      ["c", "acme", false],
    ]);
    expect(tenantsOf(grants)).toEqual(["demo", "acme"]);
    expect(new Set(grants.map((g) => g.key)).size).toBe(3);
  });

  it("falls back to the demo token when SIM_TOKENS is unset", () => {
    expect(parseTokens(undefined).map((g) => g.token)).toEqual(["demo-edesk-token"]);
  });

  it("enables the control API only for SIM_CONTROL=on", () => {
    expect(controlEnabled({ SIM_CONTROL: "on" })).toBe(true);
    for (const value of ["off", "ON", "true", "", undefined]) {
      expect(controlEnabled({ SIM_CONTROL: value })).toBe(false);
    }
  });

  it("accepts only a known bearer token", () => {
    const grants = parseTokens("tok:demo");
    expect(authenticate("Bearer tok", grants)).toMatchObject({ grant: { tenant: "demo" } });
    expect(authenticate("bearer tok", grants)).toMatchObject({ grant: { tenant: "demo" } });
    expect(authenticate(null, grants)).toEqual({ reason: "Missing bearer token" });
    expect(authenticate("Basic tok", grants)).toEqual({ reason: "Missing bearer token" });
    expect(authenticate("Bearer other", grants)).toHaveProperty("reason");
  });
});

describe("token bucket (docs/edesk-api.md §3: burst 60, 2 per second)", () => {
  it("allows a full burst, then asks to retry after the refill time", () => {
    const bucket = new TokenBucket({ capacity: 60, refillPerSecond: 2 }, 0);
    for (let i = 0; i < 60; i++) expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(1);
  });

  it("refills two tokens per second, never above capacity", () => {
    const bucket = new TokenBucket({ capacity: 60, refillPerSecond: 2 }, 0);
    for (let i = 0; i < 60; i++) bucket.take(0);
    expect(bucket.available(250)).toBeCloseTo(0.5);
    expect(bucket.take(250)).toBe(1);
    expect(bucket.take(500)).toBe(0);
    expect(bucket.available(10_500)).toBe(20);
    expect(bucket.available(1_000_000)).toBe(60);
  });

  it("rounds Retry-After up to whole seconds for slow refills", () => {
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 0.25 }, 0);
    bucket.take(0);
    expect(bucket.take(0)).toBe(4);
    expect(bucket.take(3_000)).toBe(1);
  });

  it("keeps one bucket per token and refills all on reconfiguration", () => {
    let now = 0;
    const set = new BucketSet({ capacity: 2, refillPerSecond: 1 }, () => now);
    expect([set.take("a"), set.take("a"), set.take("a")]).toEqual([0, 0, 1]);
    expect(set.take("b")).toBe(0);
    now = 1_000;
    expect(set.take("a")).toBe(0);
    set.configure({ capacity: 5, refillPerSecond: 0 });
    for (let i = 0; i < 5; i++) expect(set.take("a")).toBe(0);
    expect(set.take("a")).toBe(60);
  });
});

describe("paging (§3)", () => {
  it("defaults to page 1 of 20 and caps itemsPerPage at 100", () => {
    expect(readPaging({})).toEqual({ page: 1, itemsPerPage: 20 });
    expect(readPaging({ page: "3", itemsPerPage: "50" })).toEqual({ page: 3, itemsPerPage: 50 });
    expect(readPaging({ itemsPerPage: "1000" }).itemsPerPage).toBe(100);
  });

  it("ignores per_page, limit and invalid values", () => {
    expect(readPaging({ per_page: "5", limit: "5" })).toEqual({ page: 1, itemsPerPage: 20 });
    expect(readPaging({ page: "0", itemsPerPage: "-4" })).toEqual({ page: 1, itemsPerPage: 20 });
    expect(readPaging({ page: "x" }).page).toBe(1);
  });
});

describe("dates (§3)", () => {
  it("formats and recognises eDesk datetimes and days", () => {
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02 03:04:05");
    expect(isDateTime("2026-02-28 23:59:59")).toBe(true);
    expect(isDateTime("2026-02-30 10:00:00")).toBe(false);
    expect(isDateTime("2026-02-28T10:00:00")).toBe(false);
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("1700000000")).toBe(false);
  });

  it("sorts null last_updated_at first in ascending order", () => {
    const rows = [
      { id: 1, created_at: "b", last_updated_at: "2026-01-02 00:00:00" },
      { id: 2, created_at: "a", last_updated_at: null },
      { id: 3, created_at: "a", last_updated_at: "2026-01-01 00:00:00" },
    ];
    const asc = sortRows([...rows], { by: "last_updated_at", dir: "asc" });
    expect(asc.map((r) => r.id)).toEqual([2, 3, 1]);
    expect(sortRows([...rows], { by: "created_at", dir: "desc" }).map((r) => r.id)).toEqual([
      1, 3, 2,
    ]);
  });
});

describe("validation codes (§3)", () => {
  it("reports each field's first error as a string code", () => {
    const v = new Check({
      n: "abc",
      arr: "x",
      e: "Maybe",
      s: 5,
      b: "yes",
      d: "yesterday",
      long: "x".repeat(65),
      mail: "nope",
      obj: { inner: "" },
    });
    v.string("missing", { required: true });
    v.int("n");
    v.array("arr");
    v.enumOf("e", ["Yes", "No"]);
    v.string("s");
    v.bool("b");
    v.datetime("d");
    v.string("long", { max: 64 });
    v.email("mail");
    v.object("obj")!.string("inner", { required: true });
    v.int("n", { required: true });
    expect(v.errors).toEqual({
      missing: { errorCode: "4001" },
      n: { errorCode: "4005" },
      arr: { errorCode: "4006" },
      e: { errorCode: "4007" },
      s: { errorCode: "4008" },
      b: { errorCode: "4009" },
      d: { errorCode: "4010" },
      long: { errorCode: "4020" },
      mail: { errorCode: "4021" },
      "obj.inner": { errorCode: "4001" },
    });
    expect(() => v.done()).toThrow("Validation failed");
  });

  it("accepts numeric strings and 0/1 booleans like the live API emits", () => {
    const v = new Check({ n: "42", b: 1, ids: [1, "2"] });
    expect(v.int("n")).toBe(42);
    expect(v.bool("b")).toBe(true);
    expect(v.intArray("ids")).toEqual([1, 2]);
    expect(v.ok).toBe(true);
  });

  it("checks custom field values against the field type (4018)", () => {
    expect(valueFits({ id: 1, name: "n", kind: "number" }, "12.5")).toBe(true);
    expect(valueFits({ id: 1, name: "n", kind: "number" }, "twelve")).toBe(false);
    expect(valueFits({ id: 1, name: "d", kind: "date" }, "2026-01-31")).toBe(true);
    expect(valueFits({ id: 1, name: "b", kind: "boolean" }, "maybe")).toBe(false);
    expect(valueFits({ id: 1, name: "s", kind: "select", options: ["A"] }, "B")).toBe(false);
    expect(valueFits({ id: 1, name: "t", kind: "text" }, "anything")).toBe(true);
  });
});
