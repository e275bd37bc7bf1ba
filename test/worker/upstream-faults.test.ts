import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccount, createServer, initialize, rpc, simulatorRequests } from "./helpers";

// This file alone uses the simulator's `faults` tenant (vitest.config.ts), so the fault rules
// it installs never reach another test file running beside it.
const TENANT = "faults";
const TOKEN = "faults-edesk-token";
const SIM = "http://edesk.test/__sim";

async function faults(rules: object[]) {
  const res = await fetch(`${SIM}/faults?tenant=${TENANT}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules }),
  });
  expect(res.status).toBe(200);
}

let url: string;
let headers: Record<string, string>;
let ticketId: number;

async function call(name: string, args: object) {
  const res = await rpc(
    url,
    { id: 1, method: "tools/call", params: { name, arguments: args } },
    headers,
  );
  expect(res.status).toBe(200);
  return res.body.result as {
    isError?: boolean;
    content: { text: string }[];
    structuredContent?: Record<string, unknown>;
    _meta?: Record<string, unknown>;
  };
}

/** eDesk requests the simulator saw for this tenant since `mark`, as `METHOD path [fault]`. */
async function seenSince(mark: number) {
  return (await simulatorRequests(TENANT))
    .slice(mark)
    .map((r) => `${r.method} ${r.path}${r.fault ? ` [${r.fault}]` : ""}`);
}
const mark = async () => (await simulatorRequests(TENANT)).length;

beforeAll(async () => {
  // These tests repeat one call on purpose, to meet each fault: the loop guard would stop them.
  const server = await createServer(await createAccount(TOKEN, "Faults"), { loop_guard: false });
  url = server.url;
  ({ headers } = await initialize(url));
  await faults([]);
  const list = await call("list_all_e_desk_tickets", { limit: 1 });
  ticketId = (list.structuredContent!.result as { id: number }[])[0]!.id;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await fetch(`${SIM}/faults?tenant=${TENANT}`, { method: "DELETE" });
  // The worker stays healthy after every fault: the next plain call succeeds.
  const after = await call("get_single_e_desk_ticket_by_id", { id: ticketId });
  expect(after.isError).toBeUndefined();
});

const GET_TICKET = () => call("get_single_e_desk_ticket_by_id", { id: ticketId });
const NOTE = () => ({ ticket_id: ticketId, type: "Note", body: "Checked with the courier" });

describe("upstream faults on reads", () => {
  it("reports a 429 burst with its figures each time and never retries it", async () => {
    await faults([{ kind: "status", status: 429, path: "/tickets", times: 3 }]);
    const from = await mark();
    for (let i = 0; i < 3; i++) {
      const result = await GET_TICKET();
      expect(result.isError).toBe(true);
      expect(result.content[0]!.text).toContain("rate limit");
      expect(result._meta).toMatchObject({ "ratelimit-remaining": 0 });
      expect(Number(result._meta!["ratelimit-reset"])).toBeGreaterThan(0);
    }
    expect((await GET_TICKET()).isError).toBeUndefined();
    expect(await seenSince(from)).toHaveLength(4);
  });

  it("rides over one 502, one dropped connection and one garbled body by retrying", async () => {
    for (const rule of [
      { kind: "status", status: 502 },
      { kind: "reset" },
      { kind: "truncate" },
      { kind: "non_json" },
    ]) {
      await faults([{ ...rule, path: "/tickets", times: 1 }]);
      const from = await mark();
      const result = await GET_TICKET();
      expect(result.isError, rule.kind).toBeUndefined();
      expect(result.structuredContent).toMatchObject({ id: ticketId });
      expect(await seenSince(from), rule.kind).toHaveLength(2);
    }
  });

  it("gives up after three attempts at a 503 and says so", async () => {
    await faults([{ kind: "status", status: 503, path: "/tickets" }]);
    const from = await mark();
    const result = await GET_TICKET();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/HTTP 503.*tried 3 times/s);
    expect(await seenSince(from)).toHaveLength(3);
  });

  it("does not retry a 500, which eDesk sends for values it cannot parse", async () => {
    await faults([{ kind: "status", status: 500, path: "/tickets" }]);
    const from = await mark();
    const result = await GET_TICKET();
    expect(result.content[0]!.text).toContain("HTTP 500");
    expect(await seenSince(from)).toHaveLength(1);
  });

  it("times out a slow answer after EDESK_TIMEOUT_MS without retrying it", async () => {
    await faults([{ kind: "delay", delay_ms: 4000, path: "/tickets", times: 1 }]);
    const started = Date.now();
    const result = await GET_TICKET();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain("did not answer within 2 s");
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it("tells the user to rotate credentials when the eDesk token has expired (401)", async () => {
    await faults([{ kind: "status", status: 401, times: 1 }]);
    const result = await GET_TICKET();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/expired.*rotate/s);
  });

  it("reports a refused connection as unreachable", async () => {
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connect ECONNREFUSED"));
    const result = await GET_TICKET();
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toContain("Could not reach eDesk");
  });
});

describe("upstream faults on writes", () => {
  it("never retries a write, and says it may or may not have been applied", async () => {
    for (const rule of [{ kind: "status", status: 502 }, { kind: "reset" }, { kind: "non_json" }]) {
      await faults([{ ...rule, method: "POST", path: "/messages", times: 1 }]);
      const from = await mark();
      const result = await call("create_a_e_desk_message", NOTE());
      expect(result.isError, rule.kind).toBe(true);
      expect(await seenSince(from), rule.kind).toEqual([`POST /v1/messages [${rule.kind}]`]);
      if (rule.kind !== "reset") {
        expect(result.content[0]!.text).toContain("may or may not have been applied");
      }
    }
  });

  it("replays a keyed write's uncertain outcome instead of writing again", async () => {
    await faults([{ kind: "status", status: 502, method: "POST", path: "/messages", times: 1 }]);
    const key = `fault-${crypto.randomUUID()}`;
    const from = await mark();
    const first = await call("create_a_e_desk_message", { ...NOTE(), idempotency_key: key });
    const retry = await call("create_a_e_desk_message", { ...NOTE(), idempotency_key: key });
    expect(retry.content[0]!.text).toBe(first.content[0]!.text);
    expect(retry._meta).toMatchObject({ "idempotent-replay": true });
    expect(await seenSince(from)).toHaveLength(1);
  });

  it("lets a keyed write try again after a 429, which wrote nothing", async () => {
    await faults([{ kind: "status", status: 429, method: "POST", path: "/messages", times: 1 }]);
    const key = `limited-${crypto.randomUUID()}`;
    const limited = await call("create_a_e_desk_message", { ...NOTE(), idempotency_key: key });
    expect(limited.isError).toBe(true);
    const retried = await call("create_a_e_desk_message", { ...NOTE(), idempotency_key: key });
    expect(retried.isError).toBeUndefined();
    expect(retried.structuredContent).toHaveProperty("id");
  });
});
