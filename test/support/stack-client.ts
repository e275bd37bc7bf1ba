/**
 * The admin API, MCP requests and the simulator's request log as the tests drive them, over whichever fetch
 * reaches the stack: workerd's SELF in the worker project (test/worker/helpers.ts), the network
 * to `wrangler dev` in e2e (test/e2e/stack.ts). Web APIs only, so both projects can import it.
 */
export interface StackTarget {
  /** Reaches the worker under test; the simulator is reached with the global fetch. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Base URL of the worker under test. */
  workerUrl(): string;
  /** Base URL of the simulator's control API (`/__sim/…`). */
  simulatorUrl(): string;
  /** An admin-scoped API key of the stack. */
  apiKey(): string;
}

export interface Reply<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON answer parsed, any other text (an SSE stream, an HTML page) as it is. */
async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

/** The 2025-11-25 `initialize` request a client opens a session with. */
export const INITIALIZE = {
  id: 0,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "stack-client", version: "1" },
  },
};

export function stackClient(target: StackTarget) {
  /** One admin API request; a JSON answer comes back parsed, any other text as it is. */
  async function adminApi<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await target.fetch(`${target.workerUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.apiKey()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return reply<T>(response);
  }

  /** An integrated eDesk account; `fields` adds or overrides body fields. Returns its id. */
  async function createAccount(
    apiToken: string,
    name: string,
    fields: Record<string, unknown> = {},
  ) {
    const res = await adminApi("POST", "/api/integrated-account", {
      integration: "edesk",
      name,
      credentials: { api_token: apiToken },
      ...fields,
    });
    if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  /** An MCP server of the account, as the admin API answers its creation. */
  async function createServer<T>(
    accountId: string,
    name: string,
    config: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ): Promise<T> {
    const res = await adminApi<T>("POST", `/api/integrated-account/${accountId}/mcp`, {
      name,
      config,
      ...extra,
    });
    if (res.status !== 201) throw new Error(`server: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** An `mcp`-scoped key for one account's servers: what MCP clients are handed. */
  async function createMcpKey(accountId: string, name = "MCP client"): Promise<string> {
    const res = await adminApi("POST", "/api/keys", {
      name,
      scope: "mcp",
      account_ids: [accountId],
    });
    if (res.status !== 201) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.key;
  }

  /** Sends one JSON-RPC message to an MCP URL. */
  async function rpc(
    url: string,
    message: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<Reply<any>> {
    const response = await target.fetch(url, {
      method: "POST",
      headers: { ...MCP_HEADERS, ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", ...message }),
    });
    return reply(response);
  }

  /** initialize + notifications/initialized; returns the session id and its headers. */
  async function initialize(url: string, headers: Record<string, string> = {}) {
    const init = await rpc(url, INITIALIZE, headers);
    if (init.status !== 200)
      throw new Error(`initialize: ${init.status} ${JSON.stringify(init.body)}`);
    const sessionId = init.headers.get("mcp-session-id")!;
    const session = {
      "mcp-session-id": sessionId,
      "mcp-protocol-version": "2025-11-25",
      ...headers,
    };
    await rpc(url, { method: "notifications/initialized" }, session);
    return { sessionId, headers: session, result: init.body.result };
  }

  /** The simulator's log of eDesk API requests for a tenant, oldest first. */
  async function simulatorRequests<T = any>(tenant: string): Promise<T[]> {
    const res = await fetch(`${target.simulatorUrl()}/__sim/requests?tenant=${tenant}`);
    if (!res.ok) throw new Error(`simulator log: ${res.status}`);
    return ((await res.json()) as { data: T[] }).data;
  }

  return {
    adminApi,
    createAccount,
    createServer,
    createMcpKey,
    rpc,
    initialize,
    simulatorRequests,
  };
}
