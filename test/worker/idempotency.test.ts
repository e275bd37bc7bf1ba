import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { createAccount, createServer, initialize, rpc, simulatorRequests } from "./helpers";

const NOTE = { ticket_id: 1409923, type: "Note", body: "Refund approved" };

async function call(url: string, headers: Record<string, string>, id: number, args: object) {
  const res = await rpc(
    url,
    { id, method: "tools/call", params: { name: "create_a_e_desk_message", arguments: args } },
    headers,
  );
  expect(res.status).toBe(200);
  return res.body.result;
}

const messagePosts = async () =>
  (await simulatorRequests("demo")).filter((r) => r.method === "POST" && r.path === "/v1/messages");

describe("idempotency_key under a retrying client", () => {
  it("writes once when a client retries in the same session and after reconnecting", async () => {
    const server = await createServer(await createAccount());
    const before = (await messagePosts()).length;
    const first = await initialize(server.url);
    const key = `retry-${crypto.randomUUID()}`;
    const original = await call(server.url, first.headers, 1, { ...NOTE, idempotency_key: key });
    // The answer was "lost": the client sends the same call again, then reconnects and again.
    const retried = await call(server.url, first.headers, 2, { ...NOTE, idempotency_key: key });
    const second = await initialize(server.url);
    const reconnected = await call(server.url, second.headers, 1, {
      ...NOTE,
      idempotency_key: key,
    });
    expect(original.isError).toBeUndefined();
    for (const replay of [retried, reconnected]) {
      expect(replay.structuredContent).toEqual(original.structuredContent);
      expect(replay._meta["idempotent-replay"]).toBe(true);
    }
    expect((await messagePosts()).length - before).toBe(1);
  });

  it("writes once when the same keyed call arrives twice at the same moment", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const before = (await messagePosts()).length;
    const key = `race-${crypto.randomUUID()}`;
    const [a, b] = await Promise.all([
      call(server.url, headers, 1, { ...NOTE, idempotency_key: key }),
      call(server.url, headers, 2, { ...NOTE, idempotency_key: key }),
    ]);
    expect(a.structuredContent.id).toBe(b.structuredContent.id);
    expect((await messagePosts()).length - before).toBe(1);
  });

  it("stores the first outcome durably in the server's SQLite storage", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const key = `durable-${crypto.randomUUID()}`;
    const original = await call(server.url, headers, 1, { ...NOTE, idempotency_key: key });
    const stub = serverObject(env, server.id);
    const rows = await runInDurableObject(stub, (_instance: ServerObject, state) =>
      state.storage.sql
        .exec<{ key: string; result: string }>("SELECT key, result FROM idempotency")
        .toArray(),
    );
    expect(rows.map((row) => row.key)).toEqual([key]);
    expect(JSON.parse(rows[0].result).structuredContent).toEqual(original.structuredContent);
  });

  it("scopes keys to one MCP server", async () => {
    const account = await createAccount();
    const [one, two] = [await createServer(account), await createServer(account)];
    const key = `scope-${crypto.randomUUID()}`;
    const before = (await messagePosts()).length;
    for (const server of [one, two]) {
      const { headers } = await initialize(server.url);
      const result = await call(server.url, headers, 1, { ...NOTE, idempotency_key: key });
      expect(result._meta["idempotent-replay"]).toBeUndefined();
    }
    expect((await messagePosts()).length - before).toBe(2);
  });
});
