import { SELF } from "cloudflare:test";
import { stackClient } from "../support/stack-client";

export const ORIGIN = "https://mcp.example.com";
export const API_KEY = "test-api-key";
/** Tokens the auxiliary simulator accepts (vitest.config.ts). */
export const DEMO_TOKEN = "demo-edesk-token";
export const ACME_TOKEN = "acme-edesk-token";

const stack = stackClient({
  fetch: (url, init) => SELF.fetch(url, init),
  workerUrl: () => ORIGIN,
  simulatorUrl: () => "http://edesk.test",
  apiKey: () => API_KEY,
});

export const { adminApi, createMcpKey, initialize, rpc } = stack;

export const createAccount = (apiToken = DEMO_TOKEN, name = "Support") =>
  stack.createAccount(apiToken, name);

export const createServer = (
  accountId: string,
  config: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) =>
  stack.createServer<{
    id: string;
    account_id: string;
    url: string;
    tools: string[];
    expires_at: string | null;
  }>(accountId, "Desk", config, extra);

/** The simulator's log of eDesk API requests for a tenant, oldest first (simulator control API). */
export const simulatorRequests = (tenant: string) =>
  stack.simulatorRequests<{ method: string; path: string; status: number; fault?: string }>(tenant);

/** The 2026-07-28 protocol version, the era without sessions. */
export const MODERN = "2026-07-28";

/**
 * A 2026-07-28 `subscriptions/listen` for tool-list changes. The response is the open stream
 * itself, so it comes back unread.
 */
export function listen(url: string, id: number) {
  return SELF.fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": MODERN,
      "mcp-method": "subscriptions/listen",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "subscriptions/listen",
      params: {
        notifications: { toolsListChanged: true },
        _meta: {
          "io.modelcontextprotocol/protocolVersion": MODERN,
          "io.modelcontextprotocol/clientCapabilities": {},
          "io.modelcontextprotocol/clientInfo": { name: "listen-test", version: "1.0.0" },
        },
      },
    }),
  });
}
