import { SELF, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_DECLARED_CHARS } from "../../src/server/mcp/client-info";
import { MAX_EVENT_CHARS } from "../../src/server/mcp/event-store";
import { MAX_LEGACY_SESSIONS } from "../../src/server/mcp/session-host";
import { MAX_SESSIONS, SessionTable } from "../../src/server/mcp/session-table";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { MAX_PROBLEMS, MAX_UNKNOWN_NAMED } from "../../src/engine/tools/validate-args";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";

type Internals = {
  _streamMapping: Map<string, unknown>;
  _requestToStreamMapping: Map<unknown, string>;
};

type Host = {
  streamable: Map<
    string,
    {
      transport: Internals;
      server: { getClientVersion(): unknown; getClientCapabilities(): unknown };
    }
  >;
  events: { size: { events: number; chars: number } };
};

const hostOf = (instance: ServerObject) => instance.sessions as unknown as Host;

describe("a long-lived session", () => {
  it("keeps no bookkeeping for JSON responses already sent", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    const { headers, sessionId } = await initialize(server.url);
    for (let id = 1; id <= 25; id++) {
      const res = await rpc(server.url, { id, method: "ping" }, headers);
      expect(res.status).toBe(200);
    }
    const sizes = await runInDurableObject(
      serverObject(env, server.id),
      (instance: ServerObject) => {
        const transport = hostOf(instance).streamable.get(sessionId)!.transport;
        return [transport._streamMapping.size, transport._requestToStreamMapping.size];
      },
    );
    expect(sizes).toEqual([0, 0]);
  });
});

// One holder of an MCP URL, with nothing but that URL, tried to exhaust the server's Durable
// Object (128 MB in production): initialisations with a 1 MB clientInfo, calls with a 1 MB
// argument object, answers streamed over SSE and never resumed. Each bound is asserted on what
// is stored or held and on the size of each answer, never on time.

/** A clientInfo of about 900 KB, within the 1 MiB body limit. */
const hugeClientInfo = () => ({
  name: "attacker",
  version: "1",
  description: "x".repeat(900_000),
});

async function open(url: string, clientInfo: object = { name: "c", version: "1" }) {
  const res = await rpc(url, {
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo },
  });
  expect(res.status).toBe(200);
  return res.headers.get("mcp-session-id")!;
}

const sessionHeaders = (sessionId: string) => ({
  "mcp-session-id": sessionId,
  "mcp-protocol-version": "2025-11-25",
});

describe("what one URL holder can make a server store or hold", () => {
  it("stores a few KB per session whatever clientInfo and capabilities the client declares", async () => {
    const server = await createServer(await createAccount());
    const sizeOf = () =>
      runInDurableObject(
        serverObject(env, server.id),
        (_i: ServerObject, state) => state.storage.sql.databaseSize,
      );
    await open(server.url);
    const before = await sizeOf();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await open(server.url, hugeClientInfo()));
    // Ten 900 KB declarations stored 9 MB before the bound; a few KB each now.
    expect((await sizeOf()) - before).toBeLessThan(10 * 2 * MAX_DECLARED_CHARS + 64 * 1024);

    const held = await runInDurableObject(serverObject(env, server.id), (instance: ServerObject) =>
      ids.map((id) => {
        const session = hostOf(instance).streamable.get(id)!;
        return JSON.stringify(session.server.getClientVersion()).length;
      }),
    );
    for (const chars of held) expect(chars).toBeLessThanOrEqual(MAX_DECLARED_CHARS);
    // The session works, with the declaration's name kept.
    const ping = await rpc(server.url, { id: 1, method: "ping" }, sessionHeaders(ids[0]!));
    expect(ping.status).toBe(200);
  });

  it("answers a call with thousands of unknown arguments in a few KB, naming a few", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const args: Record<string, unknown> = { id: 1 };
    for (let i = 0; i < 9_000; i++) args[`unknown_${i}_${"k".repeat(90)}`] = 1;
    const res = await rpc(
      server.url,
      {
        id: 1,
        method: "tools/call",
        params: { name: "get_single_e_desk_ticket_by_id", arguments: args },
      },
      headers,
    );
    expect(res.status).toBe(200);
    // A 936 KB call was answered with 1.38 MB before the bound.
    expect(JSON.stringify(res.body).length).toBeLessThan(8 * 1024);
    const text: string = res.body.result.content[0].text;
    expect(res.body.result.isError).toBe(true);
    expect(text).toContain("unknown_0_kkk");
    expect(text).toContain(`${9_000 - MAX_UNKNOWN_NAMED} more unknown arguments not listed`);
    expect(text.match(/: unknown argument/g)).toHaveLength(MAX_UNKNOWN_NAMED);
  });

  it("answers a call with a hundred thousand bad list items in a few KB", async () => {
    const server = await createServer(await createAccount());
    const { headers } = await initialize(server.url);
    const args = { id: 1, tag_ids: Array.from({ length: 100_000 }, () => "x") };
    const res = await rpc(
      server.url,
      { id: 1, method: "tools/call", params: { name: "add_e_desk_ticket_tags", arguments: args } },
      headers,
    );
    expect(JSON.stringify(res.body).length).toBeLessThan(8 * 1024);
    const text: string = res.body.result.content[0].text;
    expect(text).toContain("- tag_ids[0]: ");
    expect(text.split("\n- ")).toHaveLength(MAX_PROBLEMS + 2);
    expect(text).toMatch(/\d+ more problems not listed/);
  });

  it(`keeps at most ${MAX_SESSIONS} sessions, forgetting the least recently used first`, async () => {
    const server = await createServer(await createAccount());
    const inUse = await open(server.url);
    const idle = await open(server.url);
    // The rest of the cap, filled in storage as earlier clients would have (opening 500
    // sessions over HTTP takes minutes on a loaded machine): used after `idle`, before `inUse`.
    const now = Date.now();
    await runInDurableObject(serverObject(env, server.id), (_i: ServerObject, state) => {
      const table = new SessionTable(state.storage);
      for (let i = 0; i < MAX_SESSIONS - 2; i++) {
        const meta = { protocolVersion: "2025-11-25", clientInfo: {}, capabilities: {} };
        table.put(`earlier-${i}`, { ...meta, last_seen: now - 30 * 60_000 });
      }
      table.touch(idle, now - 60 * 60_000);
      table.touch(inUse, now);
    });
    const newest = await open(server.url);

    const [stored, held, kept] = await runInDurableObject(
      serverObject(env, server.id),
      (instance: ServerObject, state) => [
        state.storage.sql.exec("SELECT COUNT(*) AS n FROM sessions").one().n,
        hostOf(instance).streamable.has(idle),
        state.storage.sql.exec("SELECT id FROM sessions WHERE id = ?", idle).toArray().length,
      ],
    );
    expect(stored).toBe(MAX_SESSIONS);
    expect([held, kept]).toEqual([false, 0]);
    const status = async (id: string) =>
      (await rpc(server.url, { id: 1, method: "ping" }, sessionHeaders(id))).status;
    expect(await status(idle)).toBe(404);
    expect(await status(inUse)).toBe(200);
    expect(await status(newest)).toBe(200);
  });

  it("holds the resumption events of all sessions within a bound in size", async () => {
    const server = await createServer(await createAccount());
    const sse = { accept: "text/event-stream, application/json" };
    const sessions = [
      (await initialize(server.url)).headers,
      (await initialize(server.url)).headers,
    ];
    // Tool lists answered over SSE, alternating between two sessions, until they add up to half
    // as much again as the bound: all of them were held before it.
    let sent = 0;
    for (let id = 1; sent <= 1.5 * MAX_EVENT_CHARS; id++) {
      const headers = sessions[id % 2]!;
      const res = await rpc(server.url, { id, method: "tools/list" }, { ...headers, ...sse });
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      sent += String(res.body).length;
    }
    const held = await runInDurableObject(
      serverObject(env, server.id),
      (instance: ServerObject) => hostOf(instance).events.size,
    );
    expect(held.chars).toBeLessThanOrEqual(MAX_EVENT_CHARS);
    expect(held.events).toBeGreaterThan(0);
  }, 30_000);

  it(`keeps at most ${MAX_LEGACY_SESSIONS} legacy SSE streams open, ending the oldest first`, async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const streams: ReadableStream<Uint8Array>[] = [];
    for (let i = 0; i <= MAX_LEGACY_SESSIONS; i++) {
      const res = await SELF.fetch(`${server.url}/sse`, {
        headers: { accept: "text/event-stream" },
      });
      expect(res.status).toBe(200);
      streams.push(res.body!);
    }
    const ended = async (stream: ReadableStream<Uint8Array>) => {
      const reader = stream.getReader();
      for (;;) {
        const { done } = await reader.read();
        if (done) return true;
      }
    };
    expect(await ended(streams[0]!)).toBe(true);
    const legacy = await runInDurableObject(
      serverObject(env, server.id),
      (instance: ServerObject) =>
        (instance.sessions as unknown as { legacy: Map<string, unknown> }).legacy.size,
    );
    expect(legacy).toBe(MAX_LEGACY_SESSIONS);
    // Revoking ends the other streams on the server's side, which is quieter than cancelling.
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    for (const stream of streams.slice(1)) await ended(stream);
  }, 60_000);
});
