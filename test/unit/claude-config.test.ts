import { describe, expect, it } from "vitest";
import { claudeDesktopConfig } from "../../public/admin/js/claude-config.js";

describe("the admin page's Claude Desktop snippet", () => {
  it("asks for an mcp-scoped key for a protected server, never an admin key", () => {
    const config = JSON.parse(claudeDesktopConfig("https://x.example/mcp/t", true));
    expect(config.mcpServers.edesk.env).toEqual({ AUTH_HEADER: "Bearer <your MCP key>" });
    expect(JSON.stringify(config)).not.toMatch(/API key|admin/i);
  });

  it("needs no key for an open server", () => {
    const config = JSON.parse(claudeDesktopConfig("https://x.example/mcp/t", false));
    expect(config.mcpServers.edesk.env).toBeUndefined();
  });
});
