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

export const { adminApi } = stack;

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

const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

/** Sends one JSON-RPC message to an MCP URL; JSON responses come back parsed. */
export async function rpc(
  url: string,
  message: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await SELF.fetch(url, {
    method: "POST",
    headers: { ...MCP_HEADERS, ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", ...message }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // SSE or empty
  }
  return { status: response.status, body, headers: response.headers };
}

/** initialize + notifications/initialized; returns the session id. */
export async function initialize(url: string, headers: Record<string, string> = {}) {
  const init = await rpc(
    url,
    {
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "workerd-test", version: "1" },
      },
    },
    headers,
  );
  if (init.status !== 200)
    throw new Error(`initialize: ${init.status} ${JSON.stringify(init.body)}`);
  const sessionId = init.headers.get("mcp-session-id")!;
  const session = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25", ...headers };
  await rpc(url, { method: "notifications/initialized" }, session);
  return { sessionId, headers: session, result: init.body.result };
}
