import { SELF } from "cloudflare:test";

export const ORIGIN = "https://mcp.example.com";
export const API_KEY = "test-api-key";
/** Tokens the auxiliary simulator accepts (vitest.config.ts). */
export const DEMO_TOKEN = "demo-edesk-token";
export const ACME_TOKEN = "acme-edesk-token";

export async function api<T = any>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await SELF.fetch(`${ORIGIN}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${API_KEY}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function newAccount(apiToken = DEMO_TOKEN, name = "Support"): Promise<string> {
  const res = await api("POST", "/api/integrated-account", {
    integration: "edesk",
    name,
    credentials: { api_token: apiToken },
  });
  if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function newServer(
  accountId: string,
  config: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<{
  id: string;
  account_id: string;
  url: string;
  tools: string[];
  expires_at: string | null;
}> {
  const res = await api("POST", `/api/integrated-account/${accountId}/mcp`, {
    name: "Desk",
    config,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`server: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

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

/** The simulator's log of eDesk API requests for a tenant, oldest first (simulator control API). */
export async function simulatorRequests(
  tenant: string,
): Promise<{ method: string; path: string; status: number; fault?: string }[]> {
  const res = await fetch(`http://edesk.test/__sim/requests?tenant=${tenant}`);
  if (!res.ok) throw new Error(`simulator log: ${res.status}`);
  return ((await res.json()) as { data: never[] }).data;
}
