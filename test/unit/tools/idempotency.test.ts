import { describe, expect, it } from "vitest";
import {
  IDEMPOTENCY_TTL_MS,
  Idempotency,
  type StoredWrite,
  type WriteLedger,
} from "../../../src/engine/tools/idempotency";
import { createToolSet } from "../../../src/engine/tools/toolset";
import { edeskError, json } from "../edesk/fake-fetch";
import { fakeContext, fixtureTools, text } from "./fixtures";

const CREATE = "create_a_e_desk_ticket";
const ARGS = { subject: "Late parcel", channel_id: 3 };

/** An in-memory ledger with a clock the test moves. */
function ledger() {
  const rows = new Map<string, StoredWrite>();
  const clock = { now: 1_000_000 };
  const store: WriteLedger = {
    get: (key) => rows.get(key),
    put: (key, write) => void rows.set(key, write),
  };
  return { rows, clock, idempotency: new Idempotency(store, () => clock.now) };
}

function setup(respond: Parameters<typeof fakeContext>[0]) {
  const tools = createToolSet(fixtureTools(), {});
  const fake = fakeContext(respond);
  const { idempotency, rows, clock } = ledger();
  const ctx = { ...fake.ctx, idempotency };
  return { tools, ctx, requests: fake.requests, rows, clock };
}

describe("idempotency_key on create tools", () => {
  it("answers a repeated key with the first result and writes once", async () => {
    const { tools, ctx, requests } = setup((_, i) => json(200, { data: { id: 100 + i } }));
    const first = await tools.call(CREATE, { ...ARGS, idempotency_key: "k-1" }, ctx);
    const again = await tools.call(CREATE, { ...ARGS, idempotency_key: "k-1" }, ctx);
    expect(requests).toHaveLength(1);
    expect(again.structuredContent).toEqual({ id: 100 });
    expect(again._meta?.["idempotent-replay"]).toBe(true);
    expect(first._meta?.["idempotent-replay"]).toBeUndefined();
    // The key is the engine's: eDesk never sees it.
    expect(JSON.parse(requests[0].body as string)).toEqual(ARGS);
  });

  it("lets two simultaneous calls with one key share one upstream write", async () => {
    const { tools, ctx, requests } = setup(() => json(200, { data: { id: 7 } }));
    const both = await Promise.all([
      tools.call(CREATE, { ...ARGS, idempotency_key: "same" }, ctx),
      tools.call(CREATE, { channel_id: 3, subject: "Late parcel", idempotency_key: "same" }, ctx),
    ]);
    expect(requests).toHaveLength(1);
    expect(both.map((r) => r.structuredContent)).toEqual([{ id: 7 }, { id: 7 }]);
  });

  it("refuses a key reused for other arguments, sending nothing", async () => {
    const { tools, ctx, requests } = setup(() => json(200, { data: { id: 7 } }));
    await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    const other = await tools.call(
      CREATE,
      { ...ARGS, subject: "Other", idempotency_key: "k" },
      ctx,
    );
    expect(other.isError).toBe(true);
    expect(text(other)).toContain("already used within the last 24 h for a different call");
    expect(requests).toHaveLength(1);
  });

  it("writes again with the same key once 24 h have passed", async () => {
    const { tools, ctx, requests, clock } = setup(() => json(200, { data: { id: 7 } }));
    await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    clock.now += IDEMPOTENCY_TTL_MS;
    await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    expect(requests).toHaveLength(2);
  });

  it("lets a key try again after a failure that certainly wrote nothing", async () => {
    const { tools, ctx, requests } = setup((_, i) =>
      i === 0
        ? edeskError(429, "Too many requests", "Out of quota")
        : json(200, { data: { id: 9 } }),
    );
    const limited = await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    expect(limited.isError).toBe(true);
    const retried = await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    expect(retried.structuredContent).toEqual({ id: 9 });
    expect(requests).toHaveLength(2);
  });

  it("replays a failure that may have written, so a retry cannot write twice", async () => {
    const { tools, ctx, requests } = setup(() => edeskError(502, "Bad gateway"));
    const first = await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    const again = await tools.call(CREATE, { ...ARGS, idempotency_key: "k" }, ctx);
    expect(requests).toHaveLength(1);
    expect(text(again)).toBe(text(first));
    expect(text(again)).toContain("may or may not have been applied");
  });

  it("sends nothing and stores nothing for invalid arguments", async () => {
    const { tools, ctx, requests, rows } = setup(() => json(200, { data: {} }));
    const bad = await tools.call(CREATE, { subject: 5, idempotency_key: "k" }, ctx);
    expect(bad.isError).toBe(true);
    expect(requests).toHaveLength(0);
    expect(rows.size).toBe(0);
  });

  it("rejects a key that is empty, too long or has spaces", async () => {
    const { tools, ctx, requests } = setup(() => json(200, { data: {} }));
    for (const key of ["", "x".repeat(256), "has space", "ünï"]) {
      const result = await tools.call(CREATE, { ...ARGS, idempotency_key: key }, ctx);
      expect(result.isError, key).toBe(true);
      expect(text(result)).toContain("idempotency_key");
    }
    expect(requests).toHaveLength(0);
  });

  it("is offered on create tools only", () => {
    const tools = createToolSet(fixtureTools(), {});
    for (const tool of tools.tools) {
      const has = "idempotency_key" in (tool.inputSchema.properties ?? {});
      expect(has, tool.name).toBe(tool.name.startsWith("create_"));
    }
  });
});
