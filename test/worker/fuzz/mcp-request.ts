import type { Rng } from "./prng";
import type { FuzzRequest } from "./send";
import type { FuzzServer } from "./setup";

// What the Streamable HTTP cases share: the servers, the usual headers, one POST.

/** The servers the Streamable HTTP target works on. */
export interface McpContext {
  main: FuzzServer;
  /** Another server of the same account: its session id is foreign to `main`. */
  other: FuzzServer;
  /** A server created with `require_api_token_auth`. */
  auth: FuzzServer;
  /** The URL of a revoked server. */
  revokedUrl: string;
}

export const ORIGIN = "https://mcp.example.com";
export const JSON_FIRST = "application/json, text/event-stream";
export const SSE_FIRST = "text/event-stream, application/json";

export type HeaderList = [string, string][];

/** Printable ASCII junk, punctuation included: any header can carry it. */
export function asciiJunk(rng: Rng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(rng.int(0x21, 0x7e));
  return out;
}

/** The session's headers with JSON and SSE accepted, as a client sends them. */
export const postHeaders = (server: FuzzServer, accept = JSON_FIRST): Record<string, string> => ({
  ...server.session,
  "content-type": "application/json",
  accept,
});

/** `base` with one header replaced, or left out when `value` is null. */
export function withHeader(
  base: Record<string, string>,
  name: string,
  value: string | null,
): HeaderList {
  const out: HeaderList = Object.entries(base).filter(([key]) => key.toLowerCase() !== name);
  if (value !== null) out.push([name, value]);
  return out;
}

/** A POST; a few go through SELF, as a client's would. */
export function post(
  url: string,
  headers: HeaderList,
  body: string | Uint8Array,
  rng: Rng,
): FuzzRequest {
  return { method: "POST", url, headers, body, via: rng.chance(0.04) ? "self" : "direct" };
}
