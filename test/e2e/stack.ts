import { inject } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { stackClient } from "../support/stack-client";

export const workerUrl = () => inject("workerUrl");
export const simulatorUrl = () => inject("simulatorUrl");

/** The simulator's demo tenant (seeded with the product's example records). */
export const DEMO_TOKEN = "demo-edesk-token";

const stack = stackClient({
  fetch: (url, init) => fetch(url, init),
  workerUrl,
  simulatorUrl,
  apiKey: () => inject("apiKey"),
});

export const { adminApi, initialize, rpc } = stack;

/**
 * An account budget no test reaches by accident (the most the admin API takes), as the
 * simulator's roomy bucket is: tests that are not about budgets still go through the servers'
 * leases of it. The budget tests set their own.
 */
export const ROOMY_BUDGET = 60_000;

export const createAccount = (apiToken = DEMO_TOKEN, budget: number | null = ROOMY_BUDGET) =>
  stack.createAccount(apiToken, "E2E account", { max_calls_per_minute: budget });

/** An `mcp`-scoped key for one account's servers: what the recipes hand to MCP clients. */
export const createMcpKey = (accountId: string) => stack.createMcpKey(accountId, "E2E client");

export const createServer = (
  accountId: string,
  config: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) =>
  stack.createServer<{ id: string; url: string; tools: string[] }>(
    accountId,
    "E2E server",
    config,
    extra,
  );

export type TransportKind = "streamable" | "sse";

export async function connect(
  url: string,
  kind: TransportKind = "streamable",
  headers?: HeadersInit,
) {
  const client = new Client({ name: "e2e", version: "1.0.0" });
  const transport =
    kind === "streamable"
      ? new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } })
      : new SSEClientTransport(new URL(url), {
          requestInit: { headers },
          eventSourceInit: headers
            ? {
                fetch: (u, init) =>
                  fetch(u, {
                    ...init,
                    headers: {
                      ...(init?.headers as Record<string, string>),
                      ...(headers as Record<string, string>),
                    },
                  }),
              }
            : undefined,
        });
  await client.connect(transport);
  return client;
}

/** The simulator's test-only control (`SIM_CONTROL=on`): its request log for a tenant. */
export const simulatorRequests = (tenant = "demo") => stack.simulatorRequests(tenant);

export async function resetSimulator(tenant?: string) {
  await fetch(`${simulatorUrl()}/__sim/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(tenant ? { tenant } : {}),
  });
}
