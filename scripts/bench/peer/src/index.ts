import { McpServer } from "@modelcontextprotocol/server";
import { createMcpHandler } from "agents/mcp/server";
import { env } from "cloudflare:workers";
import { z } from "zod";

/** This Worker's variables (its wrangler.toml); the repository's `Cloudflare.Env` is the product's. */
interface PeerEnv {
  EDESK_API_BASE_URL: string;
  EDESK_API_TOKEN: string;
}

/**
 * The tool the benchmark calls on the product, with the same name and result shape (the ticket
 * as `structuredContent` and as text), proxying the same eDesk GET. Nothing more: no auth, no
 * rate figures, no audit, which is what makes it the floor a per-request SDK v2 server sets.
 */
function createServer(): McpServer {
  const server = new McpServer({ name: "edesk-mcp-bench-peer", version: "1.0.0" });
  server.registerTool(
    "get_single_e_desk_ticket_by_id",
    {
      description: "Get one eDesk ticket by id.",
      inputSchema: { id: z.number().int().positive() },
    },
    async ({ id }) => {
      const { EDESK_API_BASE_URL, EDESK_API_TOKEN } = env as unknown as PeerEnv;
      const response = await fetch(`${EDESK_API_BASE_URL}/tickets/${id}`, {
        headers: { authorization: `Bearer ${EDESK_API_TOKEN}`, accept: "application/json" },
      });
      const body = (await response.json()) as { data?: Record<string, unknown> };
      if (!response.ok || !body.data) {
        return {
          content: [{ type: "text", text: `eDesk answered ${response.status}` }],
          isError: true,
        };
      }
      return {
        content: [{ type: "text", text: JSON.stringify(body.data) }],
        structuredContent: body.data,
      };
    },
  );
  return server;
}

// Created once at module scope, as the docs say; the factory runs per request.
const handler = createMcpHandler(createServer);

export default {
  fetch(request, env, ctx) {
    return handler(request, env, ctx);
  },
} satisfies ExportedHandler;
