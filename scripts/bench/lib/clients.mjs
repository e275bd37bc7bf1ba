// The clients the benchmark drives: the official MCP SDK client over each transport, and a
// bare JSON-RPC-over-fetch session that separates the server's cost from the SDK client's.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";

export const REQUEST_TIMEOUT_MS = 30_000;
const CLIENT_INFO = { name: "edesk-mcp-bench", version: "1.0.0" };
export const ACCEPT_JSON_FIRST = "application/json, text/event-stream";
export const ACCEPT_SSE_FIRST = "text/event-stream, application/json";

/** The transports compared: Streamable HTTP with JSON or SSE responses, and legacy HTTP+SSE. */
export const TRANSPORTS = {
  json: "Streamable HTTP, JSON response",
  sse: "Streamable HTTP, SSE response",
  legacy: "legacy HTTP+SSE (/sse)",
};

/** fetch that lists SSE first in a POST's Accept, so the server answers with an SSE stream. */
function sseFirstFetch(url, init = {}) {
  if ((init.method ?? "GET") !== "POST") return fetch(url, init);
  const headers = new Headers(init.headers);
  headers.set("accept", ACCEPT_SSE_FIRST);
  return fetch(url, { ...init, headers });
}

function makeTransport(url, kind) {
  if (kind === "legacy") return new SSEClientTransport(new URL(`${url}/sse`));
  return new StreamableHTTPClientTransport(
    new URL(url),
    kind === "sse" ? { fetch: sseFirstFetch } : {},
  );
}

/**
 * An SDK client connected (initialize + initialized) over the given transport kind. Transport
 * errors (a dropped stream, a reconnect) are not results: they are kept in `client.transportErrors`
 * for the report instead.
 */
export async function connectSdk(url, kind = "json") {
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  client.transportErrors = [];
  client.onerror = (error) => {
    if (client.transportErrors.length < 20) {
      client.transportErrors.push({
        at: Math.round(performance.now()),
        message: String(error?.message ?? error).slice(0, 200),
      });
    }
  };
  await client.connect(makeTransport(url, kind), { timeout: REQUEST_TIMEOUT_MS });
  return client;
}

/** Ends an SDK session: DELETE for Streamable HTTP (frees the server's state), then close. */
export async function closeSdk(client) {
  const transport = client.transport;
  try {
    if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession();
  } catch {
    // the session may already be gone
  }
  await client.close().catch(() => {});
}

/** An SDK `tools/call` that throws on an `isError` result, so the samplers count it. */
export async function sdkCall(client, name, args) {
  const result = await client.callTool({ name, arguments: args }, undefined, {
    timeout: REQUEST_TIMEOUT_MS,
  });
  if (result.isError) throw new Error(`isError: ${result.content?.[0]?.text ?? ""}`);
  return result;
}

/**
 * A Streamable HTTP session driven with bare fetch and JSON responses: what the server and the
 * wire cost with no client library in the way.
 */
export class RawSession {
  /**
   * `encoding`: an Accept-Encoding to send instead of fetch's default (`gzip, deflate`);
   * `accept`: the Accept of every POST (SSE first asks for SSE answers).
   */
  constructor(url, { encoding, accept = ACCEPT_JSON_FIRST } = {}) {
    this.url = url;
    this.encoding = encoding;
    this.accept = accept;
    this.sessionId = undefined;
    this.nextId = 1;
    this.lastBytes = 0;
  }

  headers() {
    const headers = {
      "content-type": "application/json",
      accept: this.accept,
      "mcp-protocol-version": LATEST_PROTOCOL_VERSION,
    };
    if (this.sessionId) headers["mcp-session-id"] = this.sessionId;
    if (this.encoding) headers["accept-encoding"] = this.encoding;
    return headers;
  }

  async post(message) {
    const response = await fetch(this.url, {
      method: "POST",
      headers: this.headers(),
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    this.lastBytes = Buffer.byteLength(text);
    return { response, text };
  }

  /** initialize + notifications/initialized. */
  async initialize() {
    const { response, text } = await this.post({
      jsonrpc: "2.0",
      id: this.nextId++,
      method: "initialize",
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: CLIENT_INFO,
      },
    });
    if (!response.ok) throw new Error(`initialize: ${response.status} ${text.slice(0, 200)}`);
    this.sessionId = response.headers.get("mcp-session-id") ?? undefined;
    const ack = await this.post({ jsonrpc: "2.0", method: "notifications/initialized" });
    if (ack.response.status !== 202) throw new Error(`initialized: ${ack.response.status}`);
    return messageOf(response, text).result;
  }

  /** One request; returns the parsed `result`, throws on a JSON-RPC error or `isError`. */
  async request(method, params, { allowError = false } = {}) {
    const { response, text } = await this.post({
      jsonrpc: "2.0",
      id: this.nextId++,
      method,
      params,
    });
    return resultOf(method, response, text, allowError);
  }

  async close() {
    if (!this.sessionId) return;
    await fetch(this.url, { method: "DELETE", headers: this.headers() })
      .then((r) => r.body?.cancel())
      .catch(() => {});
  }
}

/** The JSON-RPC message of a JSON answer or of an SSE answer's `data:` line. */
function messageOf(response, text) {
  if (!response.headers.get("content-type")?.includes("text/event-stream")) return JSON.parse(text);
  const data = text.split("\n").find((line) => line.startsWith("data:") && line.includes('"id"'));
  if (!data) throw new Error(`no JSON-RPC message in the SSE answer: ${text.slice(0, 200)}`);
  return JSON.parse(data.slice(5));
}

/** The `result` of an answer; throws on an HTTP error, a JSON-RPC error or (unless allowed) `isError`. */
function resultOf(method, response, text, allowError = false) {
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${text.slice(0, 200)}`);
  const message = messageOf(response, text);
  if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error).slice(0, 200)}`);
  if (message.result?.isError && !allowError)
    throw new Error(`isError: ${message.result.content?.[0]?.text}`);
  return message.result;
}

export const MODERN_PROTOCOL_VERSION = "2026-07-28";

/**
 * A 2026-07-28 client driven with bare fetch: no session, the envelope in every request's
 * `_meta`, and the standard headers that mirror the body.
 */
export class ModernCaller {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
  }

  async request(method, params = {}) {
    const headers = {
      "content-type": "application/json",
      accept: ACCEPT_JSON_FIRST,
      "mcp-protocol-version": MODERN_PROTOCOL_VERSION,
      "mcp-method": method,
    };
    if (method === "tools/call") headers["mcp-name"] = params.name;
    const _meta = {
      "io.modelcontextprotocol/protocolVersion": MODERN_PROTOCOL_VERSION,
      "io.modelcontextprotocol/clientCapabilities": {},
      "io.modelcontextprotocol/clientInfo": CLIENT_INFO,
    };
    const response = await fetch(this.url, {
      method: "POST",
      headers,
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: this.nextId++,
        method,
        params: { ...params, _meta },
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return resultOf(method, response, await response.text());
  }
}

/**
 * A 2025 Streamable HTTP client of a stateless server: no initialize, no session id, each
 * request on its own (what a stateless server lets a client skip once it has initialized).
 */
export class StatelessCaller {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
  }

  async request(method, params = {}) {
    const response = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: ACCEPT_JSON_FIRST,
        "mcp-protocol-version": LATEST_PROTOCOL_VERSION,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return resultOf(method, response, await response.text());
  }
}

/** GET a URL and read the whole body; throws unless the status is the expected one. */
export async function getExpect(url, status, headers = {}, method = "GET") {
  const response = await fetch(url, {
    method,
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`${method} ${url.replace(/\/mcp\/[^/]+/, "/mcp/<token>")}: ${response.status}`);
  }
  return text;
}
