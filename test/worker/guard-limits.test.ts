import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { accountObject, type AccountObject } from "../../src/server/accounts/account-object";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import {
  adminApi,
  createAccount,
  createServer,
  initialize,
  rpc,
  simulatorRequests,
} from "./helpers";
import { auditOf, someTicket, textOf } from "./guard-helpers";

// The loop guard and both budgets through MCP, with the guard's clocks moved by the test
// instead of sleeping. The `budget` tenant's request log shows what reached eDesk.

const TOKEN = "budget-edesk-token";
const TENANT = "budget";
const GET = "get_single_e_desk_ticket_by_id";
const T0 = Date.UTC(2030, 0, 1);

let ticketId: number;

beforeAll(async () => {
  ticketId = (await someTicket(TOKEN)).id;
});

/** Sets the clock of a server's guard (loop guard, its budget, its lease of the account's). */
async function serverClock(serverId: string, at: number) {
  await runInDurableObject(serverObject(env, serverId), (instance: ServerObject) => {
    instance.guard.now = () => at;
  });
}

async function accountClock(accountId: string, at: number) {
  const stub = accountObject(env, accountId);
  await runInDurableObject(stub, (instance: AccountObject) => {
    instance.now = () => at;
  });
}

/** A server of a fresh account on the budget tenant, with an initialised session. */
async function setUp(config: Record<string, unknown>, accountBody: Record<string, unknown> = {}) {
  const accountId = await createAccount(TOKEN, "Budget");
  if (Object.keys(accountBody).length) {
    const res = await adminApi("PATCH", `/api/integrated-account/${accountId}`, accountBody);
    expect(res.status).toBe(200);
  }
  const server = await createServer(accountId, config);
  const { headers } = await initialize(server.url);
  await serverClock(server.id, T0);
  await accountClock(accountId, T0);
  let id = 0;
  const call = async (name: string, args: Record<string, unknown>) =>
    (
      await rpc(
        server.url,
        { id: ++id, method: "tools/call", params: { name, arguments: args } },
        headers,
      )
    ).body.result;
  return { accountId, server, call };
}

/** GETs of one ticket that reached eDesk. */
const ticketReads = async (id: number) =>
  (await simulatorRequests(TENANT)).filter(
    (r) => r.method === "GET" && r.path === `/v1/tickets/${id}`,
  ).length;

describe("loop guard", () => {
  it("refuses the sixth identical call within 60 s, lets a changed one through, and forgets after 60 s", async () => {
    const { accountId, server, call } = await setUp({});
    const before = await ticketReads(ticketId);
    for (let i = 0; i < 5; i++) expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    const sixth = await call(GET, { id: ticketId });
    expect(sixth.isError).toBe(true);
    expect(textOf(sixth)).toMatch(/^Refused by the loop guard: .* 5 times in the last 60 s/);
    expect(textOf(sixth)).toContain("already have its answer");
    expect(await ticketReads(ticketId)).toBe(before + 5);

    // Another argument is another call.
    const other = await call("list_all_e_desk_tickets", { limit: 1 });
    expect(other.isError).toBeUndefined();

    await serverClock(server.id, T0 + 60_001);
    expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    expect(await ticketReads(ticketId)).toBe(before + 6);
    const guards = (await auditOf(accountId, server.id)).map((row) => row.guard);
    expect(guards.filter((g) => g === "refused_loop")).toHaveLength(1);
  });

  it("is off with loop_guard false, and never counts replays of a keyed write", async () => {
    const off = await setUp({ loop_guard: false });
    for (let i = 0; i < 7; i++) {
      expect((await off.call(GET, { id: ticketId })).isError).toBeUndefined();
    }
    const on = await setUp({});
    const note = {
      ticket_id: ticketId,
      type: "Note",
      body: "Replayed note",
      idempotency_key: `loop-${crypto.randomUUID()}`,
    };
    for (let i = 0; i < 7; i++) {
      const result = await on.call("create_a_e_desk_message", note);
      expect(result.isError, textOf(result)).toBeUndefined();
    }
  });
});

describe("server budget (config.max_calls_per_minute)", () => {
  it("answers at once over the budget with its own figures and sends nothing", async () => {
    // 4 a minute: 2 at once, then one every 15 s.
    const { accountId, server, call } = await setUp({ max_calls_per_minute: 4, loop_guard: false });
    const before = await ticketReads(ticketId);
    expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    const refused = await call(GET, { id: ticketId });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("budget of 4 tool calls per minute");
    expect(refused._meta).toMatchObject({
      "ratelimit-limit": 4,
      "ratelimit-remaining": 0,
      "ratelimit-reset": 15,
      "retry-after": 15,
    });
    expect(await ticketReads(ticketId)).toBe(before + 2);

    await serverClock(server.id, T0 + 15_000);
    expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    expect((await auditOf(accountId, server.id)).map((row) => row.guard)).toEqual([
      "plain",
      "refused_budget",
      "plain",
      "plain",
    ]);
  });
});

describe("account budget (max_calls_per_minute of the integrated account)", () => {
  it("holds for all the account's servers together and sends nothing over it", async () => {
    // 10 a minute: 5 at once less the lease reserve (4 whole tokens), then one every 6 s.
    const a = await setUp({ loop_guard: false }, { max_calls_per_minute: 10 });
    const b = await createServer(a.accountId, { loop_guard: false });
    const session = await initialize(b.url);
    await serverClock(b.id, T0);
    const callB = async () =>
      (
        await rpc(
          b.url,
          { id: 1, method: "tools/call", params: { name: GET, arguments: { id: ticketId } } },
          session.headers,
        )
      ).body.result;
    const before = await ticketReads(ticketId);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await a.call(GET, { id: ticketId }), await callB());
    expect(results.map((r) => r.isError === true)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    const refused = results[4];
    expect(textOf(refused)).toContain("account's budget of 10 requests per minute");
    expect(refused._meta).toMatchObject({ "ratelimit-limit": 10, "ratelimit-remaining": 0 });
    expect(refused._meta["retry-after"]).toBeGreaterThan(0);
    expect(await ticketReads(ticketId)).toBe(before + 4);
    expect((await auditOf(a.accountId, a.server.id))[0].guard).toBe("refused_budget");

    // 0.83 of a token was left; six seconds later there is one whole token again.
    for (const id of [a.server.id, b.id]) await serverClock(id, T0 + 6_000);
    await accountClock(a.accountId, T0 + 6_000);
    expect((await a.call(GET, { id: ticketId })).isError).toBeUndefined();
    expect((await callB()).isError).toBe(true);
    expect(await ticketReads(ticketId)).toBe(before + 5);
  });

  it("does not count calls it refused towards the loop guard", async () => {
    const { accountId, server, call } = await setUp({}, { max_calls_per_minute: 10 });
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push((await call(GET, { id: ticketId })).isError === true);
    expect(outcomes).toEqual([false, false, false, false, true, true, true]);
    await serverClock(server.id, T0 + 6_000);
    await accountClock(accountId, T0 + 6_000);
    // Four calls reached eDesk: the fifth is no loop, whatever the refusals before it.
    expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
  });

  it("applies a changed budget at once, and none at all with null", async () => {
    const { accountId, call } = await setUp({ loop_guard: false }, { max_calls_per_minute: null });
    for (let i = 0; i < 8; i++) expect((await call(GET, { id: ticketId })).isError).toBeUndefined();
    const patched = await adminApi("PATCH", `/api/integrated-account/${accountId}`, {
      max_calls_per_minute: 10,
    });
    expect(patched.body.max_calls_per_minute).toBe(10);
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await call(GET, { id: ticketId })).isError === true);
    expect(results).toEqual([false, false, false, false, true]);
  });

  it("defaults to just under eDesk's documented rate", async () => {
    const accountId = await createAccount(TOKEN, "Default budget");
    const res = await adminApi("GET", `/api/integrated-account/${accountId}`);
    expect(res.body.max_calls_per_minute).toBe(110);
  });
});
