import type { Expectation } from "./oracle";

// What every MCP body generator shares: the case shape, the answers, a request's text.

/** A POST body for an MCP endpoint, what it must get, and how to describe it. */
export interface BodyCase {
  family: string;
  describe: string;
  body: string | Uint8Array;
  expect: Expectation;
}

export const PARSE_ERROR: Expectation = { kind: "jsonrpc-error", codes: [-32700] };
/** JSON that is not a JSON-RPC message: -32600 (JSON-RPC 2.0 §5.1, the README's error table). */
export const NOT_A_MESSAGE: Expectation = { kind: "jsonrpc-error", codes: [-32600] };
/** A `__proto__` key anywhere refuses the whole message (src/server/mcp/read-message.ts). */
export const PROTO_REFUSED: Expectation = { kind: "jsonrpc-error", codes: [-32600], status: 400 };
export const METHOD_NOT_FOUND: Expectation = { kind: "jsonrpc-error", codes: [-32601] };
export const INVALID_PARAMS: Expectation = { kind: "jsonrpc-error", codes: [-32602] };
export const ANY: Expectation = { kind: "any" };

/** Over MAX_BODY_BYTES (1 MiB): must be 413 whatever it holds. */
export const HUGE_BODY_BYTES = 1024 * 1024 + 1;

/** A request as JSON text. */
export const request = (id: unknown, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });

/** A request whose answer proves the session still works (sanity cases between the fuzz). */
export function pingBody(id: number): string {
  return request(id, "ping");
}
