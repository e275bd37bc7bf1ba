import { describe, expect, it } from "vitest";
import { connect, createAccount, createServer, type TransportKind } from "./stack";

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
