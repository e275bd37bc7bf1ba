import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { AUDIT_FLUSH_MS } from "../../src/server/server-object/audit";
import {
  UNKNOWN_TOOL,
  USAGE_HOURS,
  UsageTable,
  type UsageCall,
  type UsageCounts,
} from "../../src/server/server-object/usage";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";

// This file alone uses the simulator's `usage` tenant (vitest.config.ts), so the fault rules
// it installs never reach another test file running beside it.
const TOKEN = "usage-edesk-token";
const SIM = "http://edesk.test/__sim";
const HOUR = 60 * 60 * 1000;
const TICKET = "get_single_e_desk_ticket_by_id";

const usagePath = (accountId: string, serverId: string) =>
  `/api/integrated-account/${accountId}/mcp/${serverId}/usage`;

async function faults(rules: object[]) {
  const res = await fetch(`${SIM}/faults?tenant=usage`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules }),
  });
  expect(res.status).toBe(200);
}

const counts = (partial: Partial<UsageCounts>): UsageCounts => ({
  calls: 0,
  edesk_errors: 0,
  rate_limited: 0,
  other_errors: 0,
  refusals: {},
  ...partial,
});

/** A fresh server's own SQLite, for driving the table with chosen times. */
async function withTable<T>(fn: (table: UsageTable, sql: SqlStorage) => T): Promise<T> {
  const server = await createServer(await createAccount(TOKEN, "Usage"));
  return runInDurableObject(serverObject(env, server.id), (_instance, state) =>
    fn(new UsageTable(state.storage.sql), state.storage.sql),
  );
}

const ok = (at: number, tool = TICKET): UsageCall => ({ at, tool, outcome: "ok" });

describe("GET …/mcp/:mcpId/usage", () => {
  it("counts real calls of the last 24 hours by outcome, per hour and per tool", async () => {
    const accountId = await createAccount(TOKEN, "Usage");
    const server = await createServer(accountId, { methods: ["read"] });
    const { headers } = await initialize(server.url);
    let id = 0;
    const call = (name: string, args: object) =>
      rpc(
        server.url,
        { id: ++id, method: "tools/call", params: { name, arguments: args } },
        headers,
      );

    const list = await call("list_all_e_desk_tickets", { limit: 1 });
    const ticketId = list.body.result.structuredContent.result[0].id;
    await call("list_all_e_desk_tickets", { limit: 2 });
    expect((await call(TICKET, { id: 999999999 })).body.result.isError).toBe(true);
    try {
      await faults([{ kind: "status", status: 429, path: "/tickets", times: 1 }]);
      expect((await call(TICKET, { id: ticketId })).body.result.isError).toBe(true);
      await faults([{ kind: "status", status: 500, path: "/tickets", times: 1 }]);
      expect((await call(TICKET, { id: ticketId })).body.result.isError).toBe(true);
    } finally {
      await fetch(`${SIM}/faults?tenant=usage`, { method: "DELETE" });
    }
    expect((await call(TICKET, { id: "not a number" })).body.result.isError).toBe(true);
    expect((await call("delete_a_e_desk_ticket_by_id", { id: 1 })).body.error.code).toBe(-32602);
    expect((await call("invented_tool", {})).body.error.code).toBe(-32602);

    const before = Date.now();
    const res = await adminApi("GET", usagePath(accountId, server.id));
    expect(res.status).toBe(200);
    const usage = res.body;
    expect(usage.totals).toEqual(
      counts({
        calls: 8,
        edesk_errors: 2,
        rate_limited: 1,
        other_errors: 1,
        refusals: { tool_not_allowed: 2 },
      }),
    );
    expect(usage.tools).toEqual([
      { tool: TICKET, ...counts({ calls: 4, edesk_errors: 2, rate_limited: 1, other_errors: 1 }) },
      { tool: "list_all_e_desk_tickets", ...counts({ calls: 2 }) },
      { tool: UNKNOWN_TOOL, ...counts({ calls: 1, refusals: { tool_not_allowed: 1 } }) },
      {
        tool: "delete_a_e_desk_ticket_by_id",
        ...counts({ calls: 1, refusals: { tool_not_allowed: 1 } }),
      },
    ]);
    expect(usage.hours).toHaveLength(USAGE_HOURS);
    const current = Math.floor(before / HOUR) * HOUR;
    expect(Date.parse(usage.hours.at(-1).hour)).toBeGreaterThanOrEqual(current);
    expect(usage.to).toBe(new Date(Date.parse(usage.hours.at(-1).hour) + HOUR).toISOString());
    expect(usage.from).toBe(usage.hours[0].hour);
    // The calls took seconds: they fall in the current hour, or the one before if it just turned.
    const busy = usage.hours.filter((hour: UsageCounts) => hour.calls > 0);
    expect(busy.reduce((sum: number, hour: UsageCounts) => sum + hour.calls, 0)).toBe(8);
    expect(usage.hours.slice(0, -2).every((hour: UsageCounts) => hour.calls === 0)).toBe(true);
  });

  it("counts 2026-07-28 calls like 2025 ones", async () => {
    const accountId = await createAccount(TOKEN, "Usage");
    const server = await createServer(accountId, { methods: ["read"] });
    const modern = await rpc(
      server.url,
      {
        id: 1,
        method: "tools/call",
        params: {
          name: "list_all_e_desk_tickets",
          arguments: { limit: 1 },
          _meta: {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {},
          },
        },
      },
      {
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": "list_all_e_desk_tickets",
      },
    );
    expect(modern.body.result.isError).not.toBe(true);
    const res = await adminApi("GET", usagePath(accountId, server.id));
    expect(res.body.tools).toEqual([{ tool: "list_all_e_desk_tickets", ...counts({ calls: 1 }) }]);
  });

  it("answers 404 JSON for unknown, foreign and revoked servers, and 401 without a key", async () => {
    const accountId = await createAccount(TOKEN, "Usage");
    const other = await createAccount(TOKEN, "Other");
    const server = await createServer(accountId, {});
    for (const path of [
      usagePath(accountId, "mcp_AAAAAAAAAAAAAAAA"),
      usagePath(accountId, "not-an-id"),
      usagePath(other, server.id),
      usagePath("acc_AAAAAAAAAAAAAAAA", server.id),
    ]) {
      const res = await adminApi("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect(
      (await adminApi("GET", usagePath(accountId, server.id), undefined, { authorization: "" }))
        .status,
    ).toBe(401);
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    expect((await adminApi("GET", usagePath(accountId, server.id))).status).toBe(404);
  });

  it("writes the counts in the audit's batch, with nobody reading them", async () => {
    const server = await createServer(await createAccount(TOKEN, "Usage"), { methods: ["read"] });
    const { headers } = await initialize(server.url);
    await rpc(
      server.url,
      { id: 1, method: "tools/call", params: { name: TICKET, arguments: { id: 999999999 } } },
      headers,
    );
    await new Promise((resolve) => setTimeout(resolve, AUDIT_FLUSH_MS + 150));
    const rows = await runInDurableObject(serverObject(env, server.id), (_instance, state) =>
      state.storage.sql
        .exec("SELECT tool, counter, n FROM usage_hourly ORDER BY counter")
        .toArray(),
    );
    expect(rows).toEqual([
      { tool: TICKET, counter: "calls", n: 1 },
      { tool: TICKET, counter: "edesk_errors", n: 1 },
    ]);
  });

  it("reads its own table, never the audit rows", async () => {
    const accountId = await createAccount(TOKEN, "Usage");
    const server = await createServer(accountId, { methods: ["read"] });
    const { headers } = await initialize(server.url);
    await rpc(
      server.url,
      { id: 1, method: "tools/call", params: { name: "list_all_e_desk_tickets", arguments: {} } },
      headers,
    );
    await runInDurableObject(
      serverObject(env, server.id),
      async (instance: ServerObject, state) => {
        await instance.auditTrail(1); // writes the queued rows
        state.storage.sql.exec("DELETE FROM audit");
      },
    );
    const res = await adminApi("GET", usagePath(accountId, server.id));
    expect(res.body.totals.calls).toBe(1);
  });
});

describe("hourly usage counts", () => {
  // 10 January 2026, 11:00 UTC.
  const H = Date.UTC(2026, 0, 10, 11);

  it("puts a call in the hour it started, to the millisecond", async () => {
    const report = await withTable((table) => {
      for (const at of [H - 1, H, H + HOUR - 1]) table.add(ok(at));
      return table.report(H + 30 * 60 * 1000);
    });
    expect(report.to).toBe("2026-01-10T12:00:00.000Z");
    expect(report.from).toBe("2026-01-09T12:00:00.000Z");
    expect(report.hours.at(-1)).toEqual({
      hour: "2026-01-10T11:00:00.000Z",
      ...counts({ calls: 2 }),
    });
    expect(report.hours.at(-2)).toEqual({
      hour: "2026-01-10T10:00:00.000Z",
      ...counts({ calls: 1 }),
    });
  });

  it("shows the current hour and the 23 before it, nothing older or newer", async () => {
    const now = H + 30 * 60 * 1000;
    const report = await withTable((table) => {
      table.add(ok(H - 23 * HOUR)); // the first hour shown
      table.add(ok(H - 23 * HOUR - 1)); // the hour before it
      table.add(ok(H + HOUR)); // the next hour (a clock that ran ahead)
      return table.report(now);
    });
    expect(report.hours[0]).toEqual({ hour: "2026-01-09T12:00:00.000Z", ...counts({ calls: 1 }) });
    expect(report.totals.calls).toBe(1);
    expect(report.tools).toEqual([{ tool: TICKET, ...counts({ calls: 1 }) }]);
  });

  it("deletes hours that left the window at each hour's first batch, even an empty one", async () => {
    const { hoursStored, report } = await withTable((table, sql) => {
      table.add(ok(H - 30 * HOUR));
      table.add(ok(H));
      table.flush(H);
      table.add(ok(H + 1));
      table.flush(H + 1);
      const stored = () =>
        sql.exec<{ hour: number }>("SELECT DISTINCT hour FROM usage_hourly").toArray().length;
      const before = stored();
      table.flush(H + 24 * HOUR); // a batch with nothing new still prunes in a new hour
      return { hoursStored: [before, stored()], report: table.report(H + 1) };
    });
    // The hour 30 h back is gone after the first batch; the hour of H once H is 24 h old.
    expect(hoursStored).toEqual([1, 0]);
    expect(report.totals.calls).toBe(0);
  });

  it("keeps the first batch's counts when the next batch adds to them", async () => {
    const report = await withTable((table) => {
      for (let i = 0; i < 3; i++) table.add(ok(H + i));
      table.flush(H);
      table.add({ at: H + 5, tool: TICKET, outcome: "rate_limited" });
      table.add({ at: H + 6, tool: TICKET, outcome: { refused: "tool_not_allowed" } });
      table.flush(H);
      return table.report(H + 10);
    });
    expect(report.totals).toEqual(
      counts({ calls: 5, rate_limited: 1, refusals: { tool_not_allowed: 1 } }),
    );
  });

  it("counts invented tool names under one name, so callers cannot add rows", async () => {
    const { rows, report } = await withTable((table, sql) => {
      for (let i = 0; i < 2_000; i++) {
        table.add({
          at: H,
          tool: `invented_${i}_`.padEnd(100, "x"),
          outcome: { refused: "tool_not_allowed" },
        });
      }
      table.add({ at: H, tool: "search_tools", outcome: "ok" });
      table.flush(H);
      return {
        rows: sql.exec("SELECT COUNT(*) AS n FROM usage_hourly").one().n,
        report: table.report(H),
      };
    });
    expect(rows).toBe(3);
    expect(report.tools).toEqual([
      { tool: UNKNOWN_TOOL, ...counts({ calls: 2_000, refusals: { tool_not_allowed: 2_000 } }) },
      { tool: "search_tools", ...counts({ calls: 1 }) },
    ]);
    expect(JSON.stringify(report).length).toBeLessThan(8 * 1024);
  });
});
