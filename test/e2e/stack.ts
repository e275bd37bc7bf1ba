import { inject } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

export const workerUrl = () => inject("workerUrl");
export const simulatorUrl = () => inject("simulatorUrl");

/** The simulator's demo tenant (seeded with the product's example records). */
export const DEMO_TOKEN = "demo-edesk-token";

export async function admin<T = any>(method: string, path: string, body?: unknown) {
  const response = await fetch(`${workerUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${inject("apiKey")}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * An account budget no test reaches by accident (the most the admin API takes), as the
 * simulator's roomy bucket is: tests that are not about budgets still go through the servers'
 * leases of it. The budget tests set their own.
 */
export const ROOMY_BUDGET = 60_000;

export async function createAccount(
  apiToken = DEMO_TOKEN,
  budget: number | null = ROOMY_BUDGET,
): Promise<string> {
  const { status, body } = await admin("POST", "/api/integrated-account", {
    integration: "edesk",
    name: "E2E account",
    credentials: { api_token: apiToken },
    max_calls_per_minute: budget,
  });
  if (status !== 201) throw new Error(`account: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

/** An `mcp`-scoped key for one account's servers: what the recipes hand to MCP clients. */
export async function createMcpKey(accountId: string): Promise<string> {
  const { status, body } = await admin("POST", "/api/keys", {
    name: "E2E client",
    scope: "mcp",
    account_ids: [accountId],
  });
  if (status !== 201) throw new Error(`key: ${status} ${JSON.stringify(body)}`);
  return body.key;
}

export async function createServer(
  accountId: string,
  config: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<{ id: string; url: string; tools: string[] }> {
  const { status, body } = await admin("POST", `/api/integrated-account/${accountId}/mcp`, {
    name: "E2E server",
    config,
    ...extra,
  });
  if (status !== 201) throw new Error(`server: ${status} ${JSON.stringify(body)}`);
  return body;
}

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
export async function simulatorRequests(tenant = "demo"): Promise<any[]> {
  const response = await fetch(`${simulatorUrl()}/__sim/requests?tenant=${tenant}`);
  const body: any = await response.json();
  return body.data ?? body.requests ?? body;
}

export async function resetSimulator(tenant?: string) {
  await fetch(`${simulatorUrl()}/__sim/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(tenant ? { tenant } : {}),
  });
}
