import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { SESSION_TTL_MS } from "../../src/server/mcp/session-table";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";

const SSE_FIRST = "text/event-stream, application/json";

/** Reads SSE text from a stream until `done(text)` says enough, or the stream ends. */
async function readSse(
  body: ReadableStream<Uint8Array>,
  done: (text: string) => boolean,
): Promise<{ text: string; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (ended) return { text, ended: true };
    text += decoder.decode(value, { stream: true });
    if (done(text)) {
      reader.releaseLock();
      return { text, ended: false };
    }
  }
}

describe("Streamable HTTP", () => {
  it("answers JSON when the client lists JSON first and SSE with a priming event otherwise", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const json = await rpc(server.url, { id: 1, method: "ping" }, headers);
    expect(json.headers.get("content-type")).toMatch(/application\/json/);
    expect(json.body).toEqual({ jsonrpc: "2.0", id: 1, result: {} });

    const response = await SELF.fetch(server.url, {
      method: "POST",
      headers: { ...headers, accept: SSE_FIRST, "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" }),
    });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const { text } = await readSse(response.body!, (t) => t.includes('"id":2'));
    // SEP-1699: the stream opens with an event id and a retry hint before any data.
    expect(text).toMatch(/^id: \S+\nretry: \d+\ndata: \n\n/);
    expect(text).toContain('"result":{}');
  });

  it("primes SSE streams even when a request names an older version than the session's", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const response = await SELF.fetch(server.url, {
      method: "POST",
      headers: {
        ...headers,
        "mcp-protocol-version": "2025-03-26",
        accept: SSE_FIRST,
        "content-type": "application/json",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }),
    });
    const { text } = await readSse(response.body!, (t) => t.includes('"id":3'));
    expect(text).toMatch(/^id: \S+\nretry: \d+/);
  });

  it("refuses an unsupported MCP-Protocol-Version with 400", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const res = await rpc(
      server.url,
      { id: 1, method: "ping" },
      { ...headers, "mcp-protocol-version": "1999-01-01" },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unsupported protocol version/);
  });

  it("opens a session for a client whose capabilities nest 5,000 levels deep", async () => {
    const server = await createServer(await createAccount());
    let deep: unknown = {};
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    const init = await rpc(server.url, {
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: { experimental: { deep } },
        clientInfo: { name: "deep", version: "1" },
      },
    });
    expect(init.status).toBe(200);
    const headers = {
      "mcp-session-id": init.headers.get("mcp-session-id")!,
      "mcp-protocol-version": "2025-11-25",
    };
    const stub = serverObject(env, server.id);
    await runInDurableObject(stub, (instance: ServerObject) => instance.sessions.closeAll());
    const ping = await rpc(server.url, { id: 1, method: "ping" }, headers);
    expect(ping.body).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
  });

  it("answers an initialize with malformed params with -32602, not 'Server not initialized'", async () => {
    const server = await createServer(await createAccount());
    const res = await rpc(server.url, {
      id: 3,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {} },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 3, error: { code: -32602 } });
    expect(res.body.error.message).toMatch(/^Invalid params: clientInfo: /);
    expect(res.headers.get("mcp-session-id")).toBeNull();
  });

  it("refuses a request without a session after initialisation with 400", async () => {
    const server = await createServer(await createAccount());
    await initialize(server.url);
    const res = await rpc(server.url, { id: 1, method: "tools/list" });
    expect(res.status).toBe(400);
  });

  it("sets the logging level", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const res = await rpc(
      server.url,
      { id: 4, method: "logging/setLevel", params: { level: "warning" } },
      headers,
    );
    expect(res.body).toEqual({ jsonrpc: "2.0", id: 4, result: {} });
  });

  it("opens a GET stream for a session and ends the session on DELETE", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const stream = await SELF.fetch(server.url, {
      method: "GET",
      headers: { ...headers, accept: "text/event-stream" },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    await stream.body!.cancel();

    const deleted = await SELF.fetch(server.url, { method: "DELETE", headers });
    expect(deleted.status).toBe(200);
    const after = await rpc(server.url, { id: 5, method: "ping" }, headers);
    expect(after.status).toBe(404);
  });

  it("answers 405 to methods the transport does not use", async () => {
    const server = await createServer(await createAccount());
    const res = await SELF.fetch(server.url, { method: "PUT" });
    expect(res.status).toBe(405);
  });

  it("keeps a session across the object's eviction from memory", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const stub = serverObject(env, server.id);
    await runInDurableObject(stub, async (instance: ServerObject) => {
      await instance.sessions.closeAll();
    });
    const res = await rpc(server.url, { id: 6, method: "tools/list" }, headers);
    expect(res.status).toBe(200);
    expect(res.body.result.tools.length).toBe(server.tools.length);
  });
});

describe("protocol faults", () => {
  it("answers params of the wrong shape with -32602 naming the field, not a -32603 zod dump", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const requests = [
      { method: "tools/call", params: { name: "list_all_e_desk_users", arguments: [] } },
      { method: "tools/call", params: { name: 12 } },
      { method: "tools/list", params: { cursor: 5 } },
      { method: "logging/setLevel", params: { level: "loud" } },
    ];
    const fields = ["arguments", "name", "cursor", "level"];
    for (const [i, request] of requests.entries()) {
      const res = await rpc(server.url, { id: i, ...request }, headers);
      expect(res.body.error.code).toBe(-32602);
      expect(res.body.error.message).toMatch(new RegExp(`^Invalid params: ${fields[i]}: `));
      expect(res.body.error.message).not.toContain("[");
    }
  });
});

describe("message framing", () => {
  async function post(url: string, headers: Record<string, string>, body: string) {
    const response = await SELF.fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", accept: SSE_FIRST },
      body,
    });
    return { status: response.status, body: await response.json<any>() };
  }

  it("answers JSON that is not a JSON-RPC message, or an empty batch, with -32600", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    for (const body of ["[]", "null", '{"id":1,"method":"ping"}', '{"jsonrpc":"2.0","id":1}']) {
      const res = await post(server.url, headers, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(-32600);
    }
    expect((await post(server.url, headers, "{")).body.error.code).toBe(-32700);
  });

  it("refuses a __proto__ key, which zod would drop, before any tool runs", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    for (const args of ['{"id":1,"__proto__":5}', '{"id":1,"\\u005f_proto__":{"id":2}}']) {
      const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_single_e_desk_ticket_by_id","arguments":${args}}}`;
      const res = await post(server.url, headers, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        code: -32600,
        message: 'Invalid Request: "__proto__" is not allowed as a key.',
      });
    }
  });
});

describe("legacy HTTP+SSE", () => {
  for (const suffix of ["", "/sse"]) {
    it(`announces the concrete messages path and answers on the stream (GET ${suffix || "/"})`, async () => {
      const server = await createServer(await createAccount());
      const token = server.url.split("/").pop()!;
      const stream = await SELF.fetch(`${server.url}${suffix}`, {
        headers: { accept: "text/event-stream" },
      });
      expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
      const reader = stream.body!;
      const first = await readSse(reader, (t) => t.includes("\n\n"));
      const endpoint = /event: endpoint\ndata: (\S+)\n/.exec(first.text)![1]!;
      expect(endpoint).toMatch(new RegExp(`^/mcp/${token}/messages\\?sessionId=[0-9a-f-]{36}$`));

      const posted = await SELF.fetch(`https://mcp.example.com${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2024-11-05",
            capabilities: {},
            clientInfo: { name: "legacy", version: "1" },
          },
        }),
      });
      expect(posted.status).toBe(202);
      const answer = await readSse(reader, (t) => t.includes('"id":1'));
      expect(answer.text).toContain('"protocolVersion":"2024-11-05"');
      await reader.cancel();
    });
  }

  it("answers 404 to a message for an unknown session", async () => {
    const server = await createServer(await createAccount());
    const res = await SELF.fetch(`${server.url}/messages?sessionId=nope`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    expect(res.status).toBe(404);
  });

  it("ends open streams when the server is revoked", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const stream = await SELF.fetch(`${server.url}/sse`, {
      headers: { accept: "text/event-stream" },
    });
    const body = stream.body!;
    await readSse(body, (t) => t.includes("\n\n"));
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    const rest = await readSse(body, () => false);
    expect(rest.ended).toBe(true);
  });
});

describe("stored sessions", () => {
  it("are pruned once idle past their TTL, and only then", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const stub = serverObject(env, server.id);
    const pruned = await runInDurableObject(stub, async (instance: ServerObject) => [
      await instance.sessions.prune(Date.now()),
      await instance.sessions.prune(Date.now() + SESSION_TTL_MS + 1000),
    ]);
    expect(pruned).toEqual([0, 1]);
    expect((await rpc(server.url, { id: 1, method: "ping" }, headers)).status).toBe(404);
  });

  it("moves sessions stored as keys by earlier releases into the table, bounded", async () => {
    const server = await createServer(await createAccount());
    const stub = serverObject(env, server.id);
    const clientInfo = { name: "old", version: "1", description: "x".repeat(500_000) };
    const meta = (last_seen: number) => ({
      protocolVersion: "2025-11-25",
      clientInfo,
      capabilities: {},
      last_seen,
    });
    await runInDurableObject(stub, async (_i: ServerObject, state) => {
      await state.storage.put("session:kept", meta(Date.now()));
      await state.storage.put("session:idle", meta(Date.now() - SESSION_TTL_MS - 1000));
    });
    const headers = { "mcp-session-id": "kept", "mcp-protocol-version": "2025-11-25" };
    expect((await rpc(server.url, { id: 1, method: "ping" }, headers)).status).toBe(200);
    await initialize(server.url); // a new session prunes, moving what keys are left
    const [keys, rows] = await runInDurableObject(stub, async (_i: ServerObject, state) => [
      [...(await state.storage.list({ prefix: "session:" })).keys()],
      state.storage.sql
        .exec("SELECT id, length(client_info) AS chars FROM sessions WHERE id IN ('kept', 'idle')")
        .toArray(),
    ]);
    expect(keys).toEqual([]);
    expect(rows).toEqual([{ id: "kept", chars: expect.any(Number) }]);
    expect((rows as { chars: number }[])[0]!.chars).toBeLessThan(200);
  });
});
