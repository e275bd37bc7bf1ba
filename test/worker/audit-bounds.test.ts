import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";
import { AUDIT_MAX_KEYS, AUDIT_MAX_NAME } from "../../src/server/server-object/audit";
import { serverObject } from "../../src/server/server-object/server-object";

/** `count` argument names of `length` characters each: what a caller may send unchecked. */
function junkArgs(count: number, length: number): Record<string, number> {
  const args: Record<string, number> = {};
  for (let i = 0; i < count; i++) args[`${i}_`.padEnd(length, "x")] = 1;
  return args;
}

describe("audit trail bounds", () => {
  it("records only the argument names a tool declares, however many the caller sends", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const { headers } = await initialize(server.url);
    // About 0.8 MB of argument names: the call fails validation and never reaches eDesk.
    const args = { id: 1409923, ...junkArgs(2_000, 400) };
    const call = await rpc(
      server.url,
      {
        id: 3,
        method: "tools/call",
        params: { name: "get_single_e_desk_ticket_by_id", arguments: args },
      },
      headers,
    );
    expect(call.body.result.isError).toBe(true);
    const res = await adminApi(
      "GET",
      `/api/integrated-account/${accountId}/mcp/${server.id}/audit`,
    );
    expect(res.status).toBe(200);
    expect(res.body.result[0]).toMatchObject({
      tool: "get_single_e_desk_ticket_by_id",
      argument_keys: ["id"],
      is_error: true,
    });
  });

  it("answers the audit endpoint with a small 200 whatever rows are stored", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    // Rows as an unbounded trail stored them: 40 × ~0.9 MB of names, once over the RPC's 32 MiB.
    const huge = JSON.stringify(Object.keys(junkArgs(2_200, 400)));
    await runInDurableObject(serverObject(env, server.id), async (instance, state) => {
      await instance.auditTrail(1); // creates the table
      for (let i = 0; i < 40; i++) {
        state.storage.sql.exec(
          "INSERT INTO audit (at, tool, argument_keys, upstream_status, duration_ms, is_error) VALUES (?, ?, ?, ?, ?, ?)",
          new Date().toISOString(),
          "t".repeat(100_000),
          i === 0 ? "not json" : huge,
          null,
          1,
          1,
        );
      }
    });
    const res = await adminApi(
      "GET",
      `/api/integrated-account/${accountId}/mcp/${server.id}/audit?limit=500`,
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toHaveLength(40);
    expect(JSON.stringify(res.body).length).toBeLessThan(40 * 8 * 1024);
    for (const row of res.body.result) {
      expect(row.argument_keys.length).toBeLessThanOrEqual(AUDIT_MAX_KEYS);
      for (const key of row.argument_keys) expect(key.length).toBeLessThanOrEqual(AUDIT_MAX_NAME);
    }
  });
});

describe("audit trail in discovery mode and on refusals", () => {
  it("audits call_tool as the tool it runs, with that tool's argument names", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { tool_exposure: "discovery" });
    const { headers } = await initialize(server.url);
    await rpc(
      server.url,
      {
        id: 4,
        method: "tools/call",
        params: {
          name: "call_tool",
          arguments: { name: "delete_a_e_desk_ticket_by_id", arguments: { id: 999999999 } },
        },
      },
      headers,
    );
    const res = await adminApi(
      "GET",
      `/api/integrated-account/${accountId}/mcp/${server.id}/audit`,
    );
    expect(res.body.result[0]).toMatchObject({
      tool: "delete_a_e_desk_ticket_by_id",
      argument_keys: ["id"],
    });
  });

  it("audits calls refused because the tool is outside the server's config", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const { headers } = await initialize(server.url);
    const refused = await rpc(
      server.url,
      {
        id: 5,
        method: "tools/call",
        params: { name: "delete_a_e_desk_ticket_by_id", arguments: { id: 1 } },
      },
      headers,
    );
    expect(refused.body.error.code).toBe(-32602);
    const discovery = await createServer(accountId, {
      tool_exposure: "discovery",
      methods: ["read"],
    });
    const session = await initialize(discovery.url);
    await rpc(
      discovery.url,
      {
        id: 6,
        method: "tools/call",
        params: {
          name: "call_tool",
          arguments: { name: "delete_a_e_desk_ticket_by_id", arguments: { id: 1 } },
        },
      },
      session.headers,
    );
    for (const id of [server.id, discovery.id]) {
      const res = await adminApi("GET", `/api/integrated-account/${accountId}/mcp/${id}/audit`);
      expect(res.body.result).toHaveLength(1);
      expect(res.body.result[0]).toMatchObject({
        tool: "delete_a_e_desk_ticket_by_id",
        upstream_status: null,
        is_error: true,
      });
    }
  });
});
