import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, inject, it } from "vitest";
import { callEdesk, connectEdesk } from "../../docs/snippets/agent";
import { URL_PLACEHOLDER, readSnippet } from "./snippets";
import { connect, createAccount, createMcpKey, createServer, workerUrl } from "./stack";

// The README's two ways in without a bridge: the URL pasted as a Claude custom connector
// (docs/snippets/custom-connector-url.txt) and the agent snippet (docs/snippets/agent.ts).

const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

describe("Claude custom connector URL (docs/snippets/custom-connector-url.txt)", () => {
  it("is the URL the admin API returns, and serves it as is over both transports", async () => {
    expect(readSnippet("custom-connector-url.txt").trim()).toBe(URL_PLACEHOLDER);
    const server = await createServer(await createAccount());
    // Same shape as the placeholder: <origin>/mcp/<token>, the token 256 bits in base64url.
    expect(server.url).toMatch(new RegExp(`^${workerUrl()}/mcp/[A-Za-z0-9_-]{43}$`));

    for (const kind of ["streamable", "sse"] as const) {
      const client = await connect(server.url, kind);
      clients.push(client);
      const result = await client.callTool({
        name: "get_single_e_desk_ticket_by_id",
        arguments: { id: 1409923 },
      });
      expect(result.structuredContent, kind).toMatchObject({ id: 1409923 });
    }
  }, 30_000);

  it("is refused with 401 when the server requires the API key (use mcp-remote's header)", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const response = await fetch(server.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await response.json()).toMatchObject({ error: { code: -32001 } });
  }, 30_000);
});

describe("agent snippet (docs/snippets/agent.ts)", () => {
  it("connects, lists the tools and calls one", async () => {
    const server = await createServer(await createAccount());
    const client = await connectEdesk(server.url);
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...server.tools].sort());
    expect(
      await callEdesk(client, "get_single_e_desk_ticket_by_id", { id: 1409923 }),
    ).toMatchObject({ id: 1409923, sales_order_id: 509211 });
  }, 30_000);

  it("turns an eDesk fault into an error carrying the tool's actionable text", async () => {
    const server = await createServer(await createAccount());
    const client = await connectEdesk(server.url);
    clients.push(client);
    await expect(
      callEdesk(client, "get_single_e_desk_ticket_by_id", { id: 999999999 }),
    ).rejects.toThrow(/not found|404/i);
  }, 30_000);

  it("sends an mcp-scoped key to a require_api_token_auth server, and fails without it", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const client = await connectEdesk(server.url, await createMcpKey(accountId));
    expect(
      await callEdesk(client, "get_single_e_desk_ticket_by_id", { id: 1409923 }),
    ).toMatchObject({ id: 1409923 });
    clients.push(client);
    // The admin key too: the e2e stack runs with MCP_ACCEPT_ADMIN_KEYS=false (global-setup.ts).
    for (const apiKey of [undefined, "wrong-key", inject("apiKey")]) {
      const refused = await connectEdesk(server.url, apiKey).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, String(apiKey)).toBeInstanceOf(StreamableHTTPError);
      expect(refused, String(apiKey)).toMatchObject({ code: 401 });
    }
  }, 30_000);
});
