import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { isRecord } from "../../lib/encoding/json";
import { badResponseError, type EdeskCallInfo, type EdeskError } from "../../edesk/errors";
import type { EdeskResponse } from "../../edesk/client";
import type { RateLimitFigures } from "../../edesk/rate-limit";
import { nextCursor, type PageRequest } from "./cursor";

type Json = Record<string, unknown>;

/**
 * `_meta` of a result that called eDesk: the rate-limit figures under the names docs/architecture.md §1
 * fixes (`ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`; reset in seconds).
 */
export function rateLimitMeta(figures: RateLimitFigures): Record<string, number> {
  return {
    "ratelimit-limit": figures.limit,
    "ratelimit-remaining": figures.remaining,
    "ratelimit-reset": figures.reset,
  };
}

/**
 * A successful tool result: the object as `structuredContent` and, for clients that only read
 * text, the same JSON as text (MCP 2025-06-18 "Structured Content": SHOULD also return it
 * serialized in a TextContent block).
 */
export function successResult(structured: Json, figures?: RateLimitFigures): CallToolResult {
  const result: CallToolResult = {
    content: [{ type: "text", text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
  if (figures) result._meta = rateLimitMeta(figures);
  return result;
}

/** A failed tool call the model can act on: text only, never `structuredContent` (docs/architecture.md §3). */
export function errorResult(text: string, figures?: RateLimitFigures): CallToolResult {
  const result: CallToolResult = { content: [{ type: "text", text }], isError: true };
  if (figures) result._meta = rateLimitMeta(figures);
  return result;
}

/** An eDesk failure as a tool result; its message is already written for the model. */
export function edeskErrorResult(error: EdeskError): CallToolResult {
  return errorResult(error.message, error.ratelimit);
}

/** Where a response came from, for a `bad_response` error about its shape. */
export interface ShapeContext {
  method: string;
  path: string;
}

function shapeError(response: EdeskResponse, where: ShapeContext, problem: string): EdeskError {
  const info: EdeskCallInfo = { ...where, status: response.status, ratelimit: response.ratelimit };
  return badResponseError(info, problem);
}

/**
 * A list answer `{data: [...], paginator}` (docs/edesk-api.md §3) as `{result, next_cursor}`
 * (docs/architecture.md §1). Throws a `bad_response` EdeskError when `data` is not an array.
 */
export function listStructured(
  response: EdeskResponse,
  where: ShapeContext & { tool: string; page: PageRequest },
): Json {
  const data = response.body.data;
  if (!Array.isArray(data)) {
    throw shapeError(response, where, "the body has no `data` array as a list answer should");
  }
  const next = nextCursor(where.tool, response.body.paginator, where.page, data.length);
  return { result: data, next_cursor: next };
}

/**
 * A single-object answer unwrapped from eDesk's envelope: `{data: {...}}` gives the object;
 * a body without `data` (the live DELETE's top-level `{ok, message}`, docs/edesk-api.md §2.1) is
 * returned as it is; a non-object `data` is wrapped as `{result}` since structuredContent
 * must be an object (MCP 2025-06-18).
 */
export function singleStructured(body: Json): Json {
  if (!("data" in body)) return body;
  return isRecord(body.data) ? body.data : { result: body.data };
}

/** What a composite operation (`Operation.run`) returned, as structured content. */
export function composedStructured(value: unknown): Json {
  if (isRecord(value)) return singleStructured(value);
  return { result: value ?? null };
}
