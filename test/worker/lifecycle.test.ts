import { env, runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ACME_TOKEN,
  adminApi,
  API_KEY,
  createAccount,
  createServer,
  DEMO_TOKEN,
  initialize,
  rpc,
} from "./helpers";
import {
  AUDIT_FLUSH_MS,
  AUDIT_LIMIT,
  AuditTrail,
  type AuditEntry,
} from "../../src/server/server-object/audit";
import { serverObject } from "../../src/server/server-object/server-object";

async function callTool(url: string, headers: Record<string, string>, name: string, args: object) {
  return rpc(url, { id: 7, method: "tools/call", params: { name, arguments: args } }, headers);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("MCP endpoint", () => {
  it("answers one 404 body for unknown, malformed and revoked tokens", async () => {
    const unknown = await rpc(`https://mcp.example.com/mcp/${"A".repeat(43)}`, {
      id: 1,
      method: "ping",
    });
    const malformed = await rpc("https://mcp.example.com/mcp/short", { id: 1, method: "ping" });
    const accountId = await createAccount();
    const server = await createServer(accountId);
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    const revoked = await rpc(server.url, { id: 1, method: "ping" });
    for (const res of [unknown, malformed, revoked]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("x-edesk-mcp-unknown")).toBeNull();
    }
    expect(revoked.body).toEqual(unknown.body);
    expect(malformed.body).toEqual(unknown.body);
  });

  it("refuses a revoked server even while KV still routes its token", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const routes = await env.TOKENS.list({ prefix: "token:" });
    const entries = await Promise.all(
      routes.keys.map(async (k) => [k.name, await env.TOKENS.get(k.name)] as const),
    );
    const stale = entries.find(([, id]) => id === server.id)!;
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    await env.TOKENS.put(stale[0], stale[1]!);
    const res = await rpc(server.url, { id: 1, method: "ping" });
    expect(res.status).toBe(404);
  });

  it("binds a session to the server that created it", async () => {
    const accountId = await createAccount();
    const first = await createServer(accountId);
    const second = await createServer(accountId);
    const { headers } = await initialize(first.url);
    const own = await rpc(first.url, { id: 2, method: "tools/list" }, headers);
    expect(own.status).toBe(200);
    const foreign = await rpc(second.url, { id: 2, method: "tools/list" }, headers);
    expect(foreign.status).toBe(404);
  });

  it("requires the API key on every request of a require_api_token_auth server", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const without = await rpc(server.url, { id: 1, method: "ping" });
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const auth = { authorization: `Bearer ${API_KEY}` };
    const { headers } = await initialize(server.url, auth);
    const withoutKey = { ...headers, authorization: "" };
    expect((await rpc(server.url, { id: 2, method: "ping" }, withoutKey)).status).toBe(401);
    expect((await rpc(server.url, { id: 3, method: "ping" }, headers)).status).toBe(200);
  });

  it("refuses a foreign browser Origin with 403 and allows configured ones", async () => {
    const server = await createServer(await createAccount());
    const evil = await rpc(
      server.url,
      { id: 1, method: "ping" },
      { origin: "https://evil.example" },
    );
    expect(evil.status).toBe(403);
    const allowed = await initialize(server.url, { origin: "https://allowed.example" });
    expect(allowed.sessionId).toBeTruthy();
    const own = await initialize(server.url, { origin: "https://mcp.example.com" });
    expect(own.sessionId).toBeTruthy();
  });

  it("answers 413 to an MCP body over 1 MiB", async () => {
    const server = await createServer(await createAccount());
    const res = await SELF.fetch(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "ping",
        params: { pad: "x".repeat(1 << 20) },
      }),
    });
    expect(res.status).toBe(413);
  });

  it("reports an unknown tool as JSON-RPC -32602", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    const { headers } = await initialize(server.url);
    const res = await callTool(server.url, headers, "create_a_e_desk_message", {});
    expect(res.body.error.code).toBe(-32602);
  });
});

describe("expiry", () => {
  it("purges the server when its alarm runs at expires_at", async () => {
    const accountId = await createAccount();
    const server = await createServer(
      accountId,
      {},
      {
        expires_at: new Date(Date.now() + 120_000).toISOString(),
      },
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    expect(await runDurableObjectAlarm(serverObject(env, server.id))).toBe(true);
    expect(await runDurableObjectAlarm(serverObject(env, server.id))).toBe(false);
    const routes = await env.TOKENS.list({ prefix: "token:" });
    const values = await Promise.all(routes.keys.map((k) => env.TOKENS.get(k.name)));
    expect(values).not.toContain(server.id);
    expect((await rpc(server.url, { id: 1, method: "ping" })).status).toBe(404);
    expect(
      (await adminApi("GET", `/api/integrated-account/${accountId}/mcp/${server.id}`)).status,
    ).toBe(404);
  });

  it("refuses the next request after expires_at even before the alarm runs", async () => {
    const server = await createServer(
      await createAccount(),
      {},
      {
        expires_at: new Date(Date.now() + 120_000).toISOString(),
      },
    );
    const { headers } = await initialize(server.url);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    expect((await rpc(server.url, { id: 2, method: "ping" }, headers)).status).toBe(404);
  });
});

describe("credentials", () => {
  it("keeps servers working after rotation and revokes them when the account is deleted", async () => {
    const accountId = await createAccount(DEMO_TOKEN);
    const server = await createServer(accountId, { methods: ["read"], tags: ["users"] });
    const rotated = await adminApi("PATCH", `/api/integrated-account/${accountId}`, {
      credentials: { api_token: DEMO_TOKEN },
    });
    expect(rotated.status).toBe(200);
    const { headers } = await initialize(server.url);
    const users = await callTool(server.url, headers, "list_all_e_desk_users", {});
    expect(users.body.result.isError).toBeFalsy();

    expect((await adminApi("DELETE", `/api/integrated-account/${accountId}`)).status).toBe(204);
    expect((await rpc(server.url, { id: 9, method: "ping" }, headers)).status).toBe(404);
  });

  it("never lets a server of account A read account B's data", async () => {
    const a = await createServer(await createAccount(DEMO_TOKEN), { methods: ["read"] });
    const b = await createServer(await createAccount(ACME_TOKEN), { methods: ["read"] });
    const sa = await initialize(a.url);
    const sb = await initialize(b.url);
    const fromA = await callTool(a.url, sa.headers, "get_single_e_desk_ticket_by_id", {
      id: 1409923,
    });
    const fromB = await callTool(b.url, sb.headers, "get_single_e_desk_ticket_by_id", {
      id: 1409923,
    });
    expect(fromA.body.result.isError).toBeFalsy();
    expect(fromB.body.result.isError).toBe(true);
  });
});

describe("audit trail", () => {
  it("records tool name, argument keys and upstream status, newest first, without values", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const { headers } = await initialize(server.url);
    await callTool(server.url, headers, "get_single_e_desk_ticket_by_id", { id: 1409923 });
    await callTool(server.url, headers, "list_all_e_desk_tickets", { limit: 5 });
    const res = await adminApi(
      "GET",
      `/api/integrated-account/${accountId}/mcp/${server.id}/audit`,
    );
    expect(res.status).toBe(200);
    expect(res.body.result.map((e: { tool: string }) => e.tool)).toEqual([
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
    ]);
    expect(res.body.result[1]).toMatchObject({ argument_keys: ["id"], upstream_status: 200 });
    expect(JSON.stringify(res.body)).not.toContain("1409923");
  });

  it("stores each call's row shortly after its answer, with nobody reading the trail", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    const { headers } = await initialize(server.url);
    await callTool(server.url, headers, "get_single_e_desk_ticket_by_id", { id: 1409923 });
    await new Promise((resolve) => setTimeout(resolve, AUDIT_FLUSH_MS + 150));
    const rows = await runInDurableObject(serverObject(env, server.id), (_instance, state) =>
      state.storage.sql.exec("SELECT tool FROM audit").toArray(),
    );
    expect(rows).toEqual([{ tool: "get_single_e_desk_ticket_by_id" }]);
  });

  it("writes queued rows in one batch, keeps the newest AUDIT_LIMIT and drops the queue on a wipe", async () => {
    const server = await createServer(await createAccount(), {});
    const entry = (n: number): AuditEntry => ({
      at: new Date(n).toISOString(),
      tool: `tool_${n}`,
      argument_keys: [],
      upstream_status: 200,
      duration_ms: 1,
      is_error: false,
      client_name: null,
      client_version: null,
      guard: "plain",
    });
    await runInDurableObject(serverObject(env, server.id), (_instance, state) => {
      const count = () => {
        const tables = state.storage.sql
          .exec("SELECT name FROM sqlite_master WHERE name = 'audit'")
          .toArray();
        return tables.length ? state.storage.sql.exec("SELECT * FROM audit").toArray().length : 0;
      };
      const trail = new AuditTrail(state.storage.sql);
      expect(trail.add(entry(1))).toBe(true);
      expect(trail.add(entry(2))).toBe(false);
      expect(count()).toBe(0);
      trail.flush();
      expect(count()).toBe(2);
      for (let n = 3; n <= AUDIT_LIMIT + 10; n++) trail.add(entry(n));
      expect(trail.list(1)[0].tool).toBe(`tool_${AUDIT_LIMIT + 10}`);
      expect(count()).toBe(AUDIT_LIMIT);
      trail.add(entry(0));
      trail.reset();
      trail.flush();
      expect(count()).toBe(AUDIT_LIMIT);
    });
  });
});

describe("unexpected failures inside a tool call", () => {
  it("reach the client as a generic -32603 with a request id, never the raw message", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    const { headers } = await initialize(server.url);
    // A synchronous throw (real fetch never does that) stands for a bug deep in a call.
    vi.spyOn(globalThis, "fetch").mockImplementation(() => {
      throw new TypeError("internal detail that must not leak");
    });
    try {
      const res = await callTool(server.url, headers, "get_single_e_desk_ticket_by_id", { id: 1 });
      expect(res.body.error.code).toBe(-32603);
      expect(res.body.error.message).toMatch(/^Internal error \(request id [0-9a-f-]{36}\)\.$/);
      expect(JSON.stringify(res.body)).not.toContain("internal detail");
    } finally {
      vi.restoreAllMocks();
    }
  });
});
