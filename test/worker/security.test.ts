import { env, runInDurableObject, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeBase64 } from "../../src/lib/encoding/base64";
import { serverObject } from "../../src/server/server-object/server-object";
import { generateToken } from "../../src/server/tokens/token";
import {
  adminApi,
  API_KEY,
  createAccount,
  createServer,
  DEMO_TOKEN,
  initialize,
  rpc,
} from "./helpers";
import { accountObject } from "../../src/server/accounts/account-object";

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const tokenOf = (url: string) => url.split("/").pop()!;

/** Everything a Durable Object holds: its key-value entries and every row of its own tables. */
async function dumpObject(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, async (_instance: unknown, state) => {
    const entries = [...(await state.storage.list())];
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .toArray()
      .map((row) => row.name)
      .filter((name) => !name.startsWith("_cf_") && !name.startsWith("sqlite_"));
    const rows = tables.map((table) =>
      state.storage.sql.exec(`SELECT * FROM "${table}"`).toArray(),
    );
    return JSON.stringify({ entries, tables, rows });
  });
}

async function dumpKv(): Promise<string> {
  const { keys } = await env.TOKENS.list();
  const values = await Promise.all(keys.map((key) => env.TOKENS.get(key.name)));
  return JSON.stringify({ keys, values });
}

/** The first SSE event's `data:` line of a legacy stream (its `endpoint`). */
async function firstEndpoint(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  while (!/event: endpoint\ndata: \S+\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return /event: endpoint\ndata: (\S+)\n/.exec(text)![1]!;
}

describe("secrets at rest", () => {
  it("generates 256-bit tokens that never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const token of [...tokens].slice(0, 20)) expect(decodeBase64(token)).toHaveLength(32);
  });

  it("stores no MCP token, API key or eDesk token in KV or Durable Object storage", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const { headers } = await initialize(server.url);
    const call = await rpc(
      server.url,
      {
        id: 1,
        method: "tools/call",
        params: {
          name: "create_a_e_desk_message",
          arguments: { ticket_id: 1409923, type: "Note", body: "x", idempotency_key: "k1" },
        },
      },
      headers,
    );
    expect(call.body.result.isError).toBeUndefined();
    const stored = [
      await dumpKv(),
      await dumpObject(serverObject(env, server.id)),
      await dumpObject(accountObject(env, accountId)),
    ].join("\n");
    // The dumps are real: they hold the server's record and its audit and idempotency rows.
    expect(stored).toContain(server.id);
    expect(stored).toContain("idempotency");
    for (const secret of [tokenOf(server.url), API_KEY, DEMO_TOKEN]) {
      expect(stored).not.toContain(secret);
    }
  });
});

describe("comparisons", () => {
  it("checks the token hash and the API key in constant time", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    const res = await rpc(
      server.url,
      { id: 1, method: "ping" },
      { authorization: `Bearer ${API_KEY}` },
    );
    expect(res.status).not.toBe(404);
    // One for the token hash in the ServerObject, at least one for the API key.
    expect(compare.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});

describe("404 for every token that grants nothing", () => {
  it("answers unknown, expired and revoked tokens identically on every path and method", async () => {
    const accountId = await createAccount();
    const revoked = await createServer(accountId);
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${revoked.id}`);
    const expiring = await createServer(
      accountId,
      {},
      { expires_at: new Date(Date.now() + 120_000).toISOString() },
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    const urls = [`https://mcp.example.com/mcp/${generateToken()}`, revoked.url, expiring.url];
    const requests: [string, RequestInit][] = [
      ["", { method: "POST", body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }],
      ["", { method: "GET", headers: { accept: "text/event-stream" } }],
      ["", { method: "DELETE" }],
      ["/sse", { method: "GET", headers: { accept: "text/event-stream" } }],
      ["/messages?sessionId=x", { method: "POST", body: "{}" }],
    ];
    for (const [suffix, init] of requests) {
      const answers = [];
      for (const url of urls) {
        const res = await SELF.fetch(`${url}${suffix}`, {
          ...init,
          headers: { "content-type": "application/json", ...init.headers },
        });
        answers.push({
          status: res.status,
          type: res.headers.get("content-type"),
          body: await res.text(),
        });
      }
      expect(answers[0]!.status, suffix).toBe(404);
      expect(answers[1], `revoked ${init.method} ${suffix}`).toEqual(answers[0]);
      expect(answers[2], `expired ${init.method} ${suffix}`).toEqual(answers[0]);
    }
  });
});

describe("require_api_token_auth", () => {
  it("refuses every transport path without the API key, the legacy message POST included", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const auth = { authorization: `Bearer ${API_KEY}` };
    const { headers } = await initialize(server.url, auth);
    const legacy = await SELF.fetch(`${server.url}/sse`, {
      headers: { accept: "text/event-stream", ...auth },
    });
    expect(legacy.status).toBe(200);
    const endpoint = await firstEndpoint(legacy.body!);
    const session = { ...headers, authorization: "" };
    const attempts: [string, RequestInit][] = [
      [server.url, { method: "POST", body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }],
      [server.url, { method: "GET", headers: { accept: "text/event-stream" } }],
      [`${server.url}/sse`, { method: "GET", headers: { accept: "text/event-stream" } }],
      [
        `https://mcp.example.com${endpoint}`,
        { method: "POST", body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' },
      ],
      [server.url, { method: "DELETE" }],
    ];
    for (const key of ["", "Bearer wrong-key", `Basic ${btoa(`x:${API_KEY}`)}`]) {
      for (const [url, init] of attempts) {
        const res = await SELF.fetch(url, {
          ...init,
          headers: {
            ...session,
            "content-type": "application/json",
            ...init.headers,
            authorization: key,
          },
        });
        expect(res.status, `${init.method} ${url} with "${key.slice(0, 6)}"`).toBe(401);
        await res.body?.cancel();
      }
    }
    // The session the key opened still works with the key.
    expect((await rpc(server.url, { id: 9, method: "ping" }, headers)).status).toBe(200);
  });
});

describe("log lines", () => {
  it("never carry an MCP token, a bearer value or a credential", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    const { headers } = await initialize(server.url);
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      });
    }
    const token = tokenOf(server.url);
    // A bug whose message quotes secrets: the log must still not carry them.
    vi.spyOn(globalThis, "fetch").mockImplementation(() => {
      throw new TypeError(`failed ${server.url} ${token} Authorization: Bearer ${DEMO_TOKEN}`);
    });
    const res = await rpc(
      server.url,
      {
        id: 3,
        method: "tools/call",
        params: { name: "get_single_e_desk_ticket_by_id", arguments: { id: 1 } },
      },
      headers,
    );
    expect(res.body.error.code).toBe(-32603);
    expect(lines.join("\n")).toContain("internal error");
    for (const secret of [token, DEMO_TOKEN, API_KEY]) {
      expect(lines.join("\n")).not.toContain(secret);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
  });
});
