import { JSON_FIRST, post, type HeaderList } from "./mcp-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import type { FuzzRequest } from "./send";
import type { FuzzServer } from "./setup";
import type { ListedTool } from "./tool-mutations";

// What the 2026-07-28 cases share: the per-request envelope, the standard headers that must
// mirror the body, and the answers the spec gives.

export const MODERN = "2026-07-28";
export const VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
export const CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
export const INFO_KEY = "io.modelcontextprotocol/clientInfo";

/** The servers and tools the modern target works on. */
export interface ModernContext {
  main: FuzzServer;
  /** A server created with `require_api_token_auth`. */
  auth: FuzzServer;
  revokedUrl: string;
  /** `main`'s tools as its modern `tools/list` lists them. */
  tools: ListedTool[];
}

/** A well-formed envelope (`params._meta`), version first so a case can replace it. */
export const envelope = (version: unknown = MODERN): Record<string, unknown> => ({
  [VERSION_KEY]: version,
  [CAPABILITIES_KEY]: {},
  [INFO_KEY]: { name: "fuzz", version: "1" },
});

export interface Message {
  jsonrpc: "2.0";
  id?: unknown;
  method: string;
  params?: Record<string, unknown>;
}

/** Stands for "no `_meta` at all" where a `_meta` value is expected. */
export const NO_META = Symbol("no _meta");

/** A modern request, with a well-formed envelope unless `meta` says otherwise. */
export function modernRequest(
  id: unknown,
  method: string,
  params: Record<string, unknown> = {},
  meta: unknown = envelope(),
): Message {
  return {
    jsonrpc: "2.0",
    id,
    method,
    params: meta === NO_META ? params : { ...params, _meta: meta },
  };
}

/** Methods whose `Mcp-Name` header mirrors a `params` field (SEP-2243 "Required For"). */
const NAME_SOURCE: Record<string, string> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
};

const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
/** Printable ASCII without surrounding blanks: a header carries it unchanged. */
export const isHeaderSafe = (value: string) => HEADER_SAFE.test(value);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const utf8Base64 = (text: string) => {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/**
 * A header value that carries `value` as the spec says: as it is when it is printable ASCII
 * without surrounding blanks, else in the `=?base64?…?=` sentinel; undefined when no header
 * can (a lone surrogate has no UTF-8 form).
 */
export function headerFor(value: string): string | undefined {
  if (HEADER_SAFE.test(value) && !value.startsWith("=?base64?")) return value;
  return LONE_SURROGATE.test(value) ? undefined : `=?base64?${utf8Base64(value)}?=`;
}

/** The `Mcp-Name` value a body needs: undefined when the method has none or no header can. */
export function nameOf(message: Message): string | undefined {
  const field = NAME_SOURCE[message.method];
  const value = field ? message.params?.[field] : undefined;
  return typeof value === "string" ? headerFor(value) : undefined;
}

/** The headers a conforming client sends with `message`, with the session-free defaults. */
export function modernHeaders(message: Message, version = MODERN): HeaderList {
  const headers: HeaderList = [
    ["content-type", "application/json"],
    ["accept", JSON_FIRST],
    ["mcp-protocol-version", version],
  ];
  // Mcp-Method has no Base64 form: a method no header can carry as it is gets none.
  if (isHeaderSafe(message.method)) headers.push(["mcp-method", message.method]);
  const name = nameOf(message);
  if (name !== undefined) headers.push(["mcp-name", name]);
  return headers;
}

/** `headers` with one header replaced, or left out when `value` is null. */
export function replaceHeader(headers: HeaderList, name: string, value: string | null): HeaderList {
  const out = headers.filter(([key]) => key !== name);
  if (value !== null) out.push([name, value]);
  return out;
}

/** A POST of `body` (a message, or JSON text) to `url`. */
export function modernPost(url: string, body: unknown, headers: HeaderList, rng: Rng): FuzzRequest {
  return post(url, headers, typeof body === "string" ? body : JSON.stringify(body), rng);
}

export const OK: Expectation = { kind: "ok" };
export const INVALID_REQUEST: Expectation = { kind: "jsonrpc-error", codes: [-32600], status: 400 };
export const INVALID_PARAMS: Expectation = { kind: "jsonrpc-error", codes: [-32602] };
export const METHOD_NOT_FOUND: Expectation = { kind: "jsonrpc-error", codes: [-32601] };
/** Header and body disagree (SEP-2243). */
export const MISMATCH: Expectation = { kind: "jsonrpc-error", codes: [-32020], status: 400 };
/** An unsupported version, answered with the versions that are (2026-07-28 "Versioning"). */
export const UNSUPPORTED: Expectation = {
  kind: "jsonrpc-error",
  codes: [-32022],
  status: 400,
  data: MODERN,
};
