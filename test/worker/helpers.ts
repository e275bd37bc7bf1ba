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
