import { describe, expect, it } from "vitest";
import { adminApi, connect, createAccount, createServer, type TransportKind } from "./stack";

describe.each<TransportKind>(["streamable", "sse"])("the MCP SDK client over %s", (kind) => {
  it("initializes, lists the catalog's tools and reads a ticket", async () => {
    const server = await createServer(await createAccount());
    const client = await connect(server.url, kind);
    try {
      expect(client.getServerVersion()?.name).toBe("edesk-mcp");
      const { tools } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(server.tools.filter((name) => names.includes(name)));
      expect(names).toContain("list_all_e_desk_tickets");
      expect(names).toContain("get_single_e_desk_sales_order_by_id");

      const result = await client.callTool({
        name: "get_single_e_desk_ticket_by_id",
        arguments: { id: 1409923 },
      });
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { id: number }).id).toBe(1409923);
      await client.ping();
    } finally {
      await client.close();
    }
  });
});

describe.each<TransportKind>(["streamable", "sse"])("server config over %s", (kind) => {
  it("exposes only read tools of the tickets group for read + tickets", async () => {
    const server = await createServer(await createAccount(), {
      methods: ["read"],
      tags: ["tickets"],
    });
    const client = await connect(server.url, kind);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
      expect(names).toEqual([...server.tools].sort());
      expect(names).toContain("list_all_e_desk_tickets");
      expect(names.every((name) => /^(list_all|get_single|get)_e_desk_/.test(name))).toBe(true);
      expect(names.some((name) => /sales_order|template/.test(name))).toBe(false);
      await expect(
        client.callTool({
          name: "create_a_e_desk_message",
          arguments: { ticket_id: 1409923, body: "x", type: "Note" },
        }),
      ).rejects.toMatchObject({ code: -32602 });
    } finally {
      await client.close();
    }
  });

  it("refuses the next request after the server is revoked", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    const client = await connect(server.url, kind);
    try {
      await client.ping();
      const revoked = await adminApi(
        "DELETE",
        `/api/integrated-account/${accountId}/mcp/${server.id}`,
      );
      expect(revoked.status).toBe(204);
      await expect(client.ping()).rejects.toThrow();
    } finally {
      await client.close().catch(() => undefined);
    }
  });
});
