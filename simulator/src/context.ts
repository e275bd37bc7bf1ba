import { ApiError } from "./errors";
import type { FaultKind } from "./faults/rule";
import type { Store } from "./store";
import { isObject, type Body } from "./validate";

/** An uploaded multipart file; only its metadata is kept (the simulator stores no content). */
export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  size: number;
}

/** The request body as the Worker parsed it before handing it to the tenant object. */
export type RequestBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "invalid-json" }
  | { kind: "multipart"; fields: Record<string, string>; files: UploadedFile[] };

/** What the Worker sends to the tenant's Durable Object for one `/v1` call (plain data, RPC). */
export interface ApiRequest {
  tenant: string;
  /** Label of the API token (not the token) for its rate-limit bucket. */
  tokenKey: string;
  readOnly: boolean;
  method: string;
  /** Path below `/v1`, e.g. `/tickets/42`. */
  path: string;
  query: Record<string, string>;
  body: RequestBody;
}

/** The answer, with the JSON already serialised. */
export interface ApiResponse {
  status: number;
  /** The body: JSON, except where an injected fault sends something else (faults/answer.ts). */
  json: string;
  /** Seconds for a `Retry-After` header (429 only). */
  retryAfter?: number;
  /** Set when the body is not JSON (an injected `non_json` fault). */
  contentType?: string;
  /** The injected fault that shaped this answer; `reset` breaks the body (api-response.ts). */
  fault?: FaultKind;
}

/** What a resource handler receives. */
export interface Ctx {
  store: Store;
  /** The `{id}` path parameter, when the route has one. */
  id: number;
  query: Record<string, string>;
  body: RequestBody;
  /** Current time as an eDesk datetime string. */
  now: string;
}

/** A handler returns the JSON body of a 200 response or throws an ApiError. */
export type Handler = (c: Ctx) => unknown;

/**
 * The JSON object a write endpoint reads. A missing body reads as `{}` so required fields
 * report 4001; a multipart body is not JSON, so it reads as `{}` too.
 */
export function jsonBody(c: Ctx): Body {
  if (c.body.kind === "invalid-json") {
    // GUESS: eDesk's answer to malformed JSON is unknown (§3 only reports 500s on parse errors
    // of values); a 400 in the standard envelope is the most useful behaviour for clients.
    throw new ApiError(400, "Invalid JSON body", "The request body could not be parsed as JSON");
  }
  return c.body.kind === "json" && isObject(c.body.value) ? c.body.value : {};
}

/** `{data: ...}`: the success envelope for single objects (§2). */
export const data = (value: unknown) => ({ data: value });

/** Top-level `{ok, message}`: what the live API answers to deletes (§2.1, §6). */
export const deleted = (message: string) => ({ ok: true, message });
