import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { CLIENT_NAME_MAX, CLIENT_VERSION_MAX } from "../../src/server/mcp/client-identity";
import { adminApi, createAccount, createServer, rpc } from "./helpers";

const TOOL = "list_all_e_desk_tickets";

async function auditRows(accountId: string, serverId: string) {
  const res = await adminApi("GET", `/api/integrated-account/${accountId}/mcp/${serverId}/audit`);
  expect(res.status).toBe(200);
  return res.body.result as {
    tool: string;
    client_name: string | null;
    client_version: string | null;
  }[];
}

/** A 2025 session opened with this clientInfo, and one tool call in it. */
async function callAs(url: string, clientInfo: unknown) {
  const init = await rpc(url, {
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo },
  });
  expect(init.status).toBe(200);
  const headers = {
    "mcp-session-id": init.headers.get("mcp-session-id")!,
    "mcp-protocol-version": "2025-11-25",
  };
  await rpc(url, { method: "notifications/initialized" }, headers);
  const call = await rpc(
    url,
    { id: 1, method: "tools/call", params: { name: TOOL, arguments: { limit: 1 } } },
    headers,
  );
  expect(call.body.result.isError).not.toBe(true);
}

/** Reads SSE text until `done(text)` says enough. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (t: string) => boolean,
) {
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe("client identity in the audit trail", () => {
  it("records initialize's clientInfo on every call of a 2025 session", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    await callAs(server.url, { name: "claude-ai", version: "0.1.0" });
    const rows = await auditRows(accountId, server.id);
    expect(rows).toMatchObject([{ tool: TOOL, client_name: "claude-ai", client_version: "0.1.0" }]);
  });

  it("records the 2026-07-28 _meta client info of each request", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const send = (clientInfo?: object) =>
      rpc(
        server.url,
        {
          id: 1,
          method: "tools/call",
          params: {
            name: TOOL,
            arguments: { limit: 1 },
            _meta: {
              "io.modelcontextprotocol/protocolVersion": "2026-07-28",
              "io.modelcontextprotocol/clientCapabilities": {},
              ...(clientInfo ? { "io.modelcontextprotocol/clientInfo": clientInfo } : {}),
            },
          },
        },
        { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": TOOL },
      );
    expect((await send({ name: "support-agent", version: "1.0.0" })).status).toBe(200);
    expect((await send({ name: "other-agent", version: "2.0.0" })).status).toBe(200);
    expect((await send()).status).toBe(200);
    const rows = await auditRows(accountId, server.id);
    expect(rows.map((row) => [row.client_name, row.client_version])).toEqual([
      [null, null],
      ["other-agent", "2.0.0"],
      ["support-agent", "1.0.0"],
    ]);
  });

  it("records the clientInfo of a legacy HTTP+SSE session", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const stream = await SELF.fetch(`${server.url}/sse`, {
      headers: { accept: "text/event-stream" },
    });
    const reader = stream.body!.getReader();
    const first = await readUntil(reader, (t) => t.includes("\n\n"));
    const endpoint = /event: endpoint\ndata: (\S+)\n/.exec(first)![1]!;
    const post = (message: object) =>
      SELF.fetch(`https://mcp.example.com${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", ...message }),
      });
    await post({
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2024-11-05",
        capabilities: {},
        clientInfo: { name: "old-desktop", version: "0.9" },
      },
    });
    await readUntil(reader, (t) => t.includes('"id":1'));
    await post({ method: "notifications/initialized" });
    await post({ id: 2, method: "tools/call", params: { name: TOOL, arguments: { limit: 1 } } });
    await readUntil(reader, (t) => t.includes('"id":2'));
    await reader.cancel();
    const rows = await auditRows(accountId, server.id);
    expect(rows).toMatchObject([{ tool: TOOL, client_name: "old-desktop", client_version: "0.9" }]);
  });

  it("bounds what a client declares", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    await callAs(server.url, {
      name: `\u001b[31m${"n".repeat(50_000)}`,
      version: "v".repeat(50_000),
    });
    const [row] = await auditRows(accountId, server.id);
    expect(row!.client_name).toBe(`[31m${"n".repeat(CLIENT_NAME_MAX - 4)}`);
    expect(row!.client_version).toBe("v".repeat(CLIENT_VERSION_MAX));
  });

  it("adds the client columns to a trail stored before them, keeping its rows", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    await runInDurableObject(serverObject(env, server.id), (_instance: ServerObject, state) => {
      // The table as the first release created it.
      state.storage.sql.exec(`CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, tool TEXT NOT NULL, argument_keys TEXT NOT NULL,
        upstream_status INTEGER, duration_ms REAL NOT NULL, is_error INTEGER NOT NULL)`);
      state.storage.sql.exec(
        "INSERT INTO audit (at, tool, argument_keys, upstream_status, duration_ms, is_error) VALUES (?, ?, ?, ?, ?, ?)",
        "2026-01-01T00:00:00.000Z",
        "get_single_e_desk_ticket_by_id",
        '["id"]',
        200,
        12,
        0,
      );
    });
    await callAs(server.url, { name: "claude-code", version: "2.1.0" });
    const rows = await auditRows(accountId, server.id);
    expect(rows).toMatchObject([
      { tool: TOOL, client_name: "claude-code", client_version: "2.1.0" },
      {
        tool: "get_single_e_desk_ticket_by_id",
        argument_keys: ["id"],
        client_name: null,
        client_version: null,
      },
    ]);
  });
});
