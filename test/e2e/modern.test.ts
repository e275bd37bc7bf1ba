import type { Client } from "@modelcontextprotocol/client";
import { Client as V2Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, inject, it } from "vitest";
import { callEdesk2026, connectEdesk2026 } from "../../docs/snippets/agent-2026";
import { demoWrites, freshDemoDesk } from "./demo-desk";
import { adminApi, createAccount, createMcpKey, createServer } from "./stack";

// The official SDK v2 client against `wrangler dev`, in the 2026-07-28 era: pinned (the
// README's snippet) and in `auto` mode. The 2025-era clients keep their own tests unchanged.

const MODERN = "2026-07-28";
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
});

async function pinned(url: string, apiKey?: string) {
  const client = await connectEdesk2026(url, apiKey);
  clients.push(client);
  return client;
}

describe("the SDK v2 client pinned to 2026-07-28", () => {
  it("discovers the server, lists the tools and reads a ticket without a session", async () => {
    const server = await createServer(await createAccount());
    const client = await pinned(server.url);
    expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
    const discovered = client.getDiscoverResult();
    expect(discovered?.supportedVersions).toContain(MODERN);
    expect(client.getServerVersion()?.name).toBe("edesk-mcp");

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...server.tools].sort());
    const ticket = (await callEdesk2026(client, "get_single_e_desk_ticket_by_id", {
      id: 1409923,
    })) as { id: number };
    expect(ticket.id).toBe(1409923);
  });

  it("walks a list page by page with next_cursor, no row twice", async () => {
    const server = await createServer(await createAccount(), { methods: ["list"] });
    const client = await pinned(server.url);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = (await callEdesk2026(client, "list_all_e_desk_tickets", {
        limit: 5,
        ...(cursor ? { next_cursor: cursor } : {}),
      })) as { result: { id: number }[]; next_cursor: string | null };
      seen.push(...page.result.map((row) => row.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 4);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(20);
  });

  it("answers an eDesk fault with an isError text a model can act on", async () => {
    const server = await createServer(await createAccount());
    const client = await pinned(server.url);
    const result = await client.callTool({
      name: "get_single_e_desk_ticket_by_id",
      arguments: { id: 999999999 },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/not found|no ticket/i);
  });

  it("sends a write once when it is retried with the same idempotency_key", async () => {
    const server = await createServer(await createAccount(), { methods: ["create"] });
    await freshDemoDesk();
    const client = await pinned(server.url);
    const note = {
      ticket_id: 1409923,
      type: "Note",
      body: "Checked with the warehouse. [e2e-modern-idem]",
      idempotency_key: "modern-idem-1",
    };
    const first = (await callEdesk2026(client, "create_a_e_desk_message", note)) as { id: number };
    const again = (await callEdesk2026(client, "create_a_e_desk_message", note)) as { id: number };
    expect(again.id).toBe(first.id);
    const writes = await demoWrites();
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(["POST /v1/messages"]);
  });

  it("needs the API key on a require_api_token_auth server", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    await expect(pinned(server.url)).rejects.toThrow();
    // The e2e stack refuses admin keys on /mcp/*: an mcp-scoped key is the credential.
    await expect(pinned(server.url, inject("apiKey"))).rejects.toThrow();
    const client = await pinned(server.url, await createMcpKey(accountId));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it("is refused on the next request after the server is revoked", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const client = await pinned(server.url);
    const read = { name: "get_single_e_desk_ticket_by_id", arguments: { id: 1409923 } };
    expect((await client.callTool(read)).isError).toBeFalsy();
    const revoked = await adminApi(
      "DELETE",
      `/api/integrated-account/${accountId}/mcp/${server.id}`,
    );
    expect(revoked.status).toBe(204);
    // tools/list may still come from the client's cache (ttlMs); a call always reaches us.
    await expect(client.callTool(read)).rejects.toThrow();
  });

  it("hears tools/list_changed when an operator patches the server's config", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const client = await pinned(server.url);
    const before = (await client.listTools()).tools.length;
    let changed!: () => void;
    const heard = new Promise<void>((resolve) => (changed = resolve));
    client.setNotificationHandler("notifications/tools/list_changed", () => changed());
    const subscription = await client.listen({ toolsListChanged: true });
    expect(subscription.honoredFilter.toolsListChanged).toBe(true);

    const patched = await adminApi(
      "PATCH",
      `/api/integrated-account/${accountId}/mcp/${server.id}`,
      {
        config: { methods: ["read", "write"] },
      },
    );
    expect(patched.status).toBe(200);
    await heard;
    expect((await client.listTools()).tools.length).toBeGreaterThan(before);
    await subscription.close();
  });
});

describe("the SDK v2 client in auto mode", () => {
  it("chooses 2026-07-28", async () => {
    const server = await createServer(await createAccount());
    const client = new V2Client(
      { name: "auto-agent", version: "1.0.0" },
      { versionNegotiation: { mode: "auto" } },
    );
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });
});
