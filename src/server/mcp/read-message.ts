import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "../../lib/http/errors";
import { readBody } from "../../lib/http/read-json";
import { jsonRpcError } from "./json-rpc";
import { nestsDeeperThan, someNode } from "./json-tree";

export type Parsed = { ok: true; body: unknown } | { ok: false; response: Response };

/**
 * Whether a parsed JSON value has a `__proto__` key anywhere. JSON.parse keeps it as an own
 * key, but zod's object and record parsing copy keys by assignment, which turns it into the
 * copy's prototype or drops it: a tool call's `{"id": 1, "__proto__": 5}` reached eDesk as
 * `{"id": 1}`. Iterative, so deep nesting cannot overflow the stack.
 */
const hasProtoKey = (value: unknown): boolean =>
  someNode(value, (node) => !Array.isArray(node) && Object.hasOwn(node, "__proto__"));

const isMessage = (value: unknown) => JSONRPCMessageSchema.safeParse(value).success;

/** Deeper than any real `_meta` (the 2026-07-28 envelope's capabilities are a few levels). */
const MAX_META_DEPTH = 32;

/**
 * Whether a message's `params._meta` nests deeper than MAX_META_DEPTH. SDK v2 validates the
 * 2026-07-28 envelope recursively: capabilities with `experimental` 20,000 levels deep (well
 * within 1 MiB) overflowed the stack while the era was being decided, a 500. Iterative.
 */
function metaTooDeep(message: unknown): boolean {
  const params = (message as { params?: unknown }).params;
  if (typeof params !== "object" || params === null || !Object.hasOwn(params, "_meta")) {
    return false;
  }
  return nestsDeeperThan((params as { _meta: unknown })._meta, MAX_META_DEPTH);
}

/**
 * Reads a POSTed JSON-RPC body (one message or a batch) and answers what is wrong with it as
 * the README's error table says: 413 past 1 MiB, -32700 for text that is not JSON, -32600 for
 * JSON that is not a JSON-RPC 2.0 message (JSON-RPC 2.0 §5.1; the SDK would say -32700 "Parse
 * error" here, and accept an empty batch without answering) or that carries a `__proto__` key,
 * -32602 for a `_meta` nested past MAX_META_DEPTH.
 */
export async function readMessage(request: Request): Promise<Parsed> {
  let text: string;
  let body: unknown;
  try {
    text = new TextDecoder().decode(await readBody(request));
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof AppError && error.status === 413) {
      return { ok: false, response: jsonRpcError(413, -32600, error.message) };
    }
    return { ok: false, response: jsonRpcError(400, -32700, "Parse error: invalid JSON") };
  }
  const valid = Array.isArray(body) ? body.length > 0 && body.every(isMessage) : isMessage(body);
  if (!valid) {
    const what =
      Array.isArray(body) && body.length === 0 ? "an empty batch" : "not a JSON-RPC 2.0 message";
    return { ok: false, response: jsonRpcError(400, -32600, `Invalid Request: ${what}.`) };
  }
  // `\u` too: an escaped key ("\u005f_proto__") is the same key once parsed.
  if (/__proto__|\\u/.test(text) && hasProtoKey(body)) {
    return {
      ok: false,
      response: jsonRpcError(400, -32600, 'Invalid Request: "__proto__" is not allowed as a key.'),
    };
  }
  if ((Array.isArray(body) ? body : [body]).some(metaTooDeep)) {
    return {
      ok: false,
      response: jsonRpcError(
        400,
        -32602,
        `Invalid params: _meta nests deeper than ${MAX_META_DEPTH} levels.`,
        undefined,
        requestId(body),
      ),
    };
  }
  return { ok: true, body };
}

/** The id of a single request, to echo on an error that answers it. */
function requestId(body: unknown): string | number | null {
  const id = (body as { id?: unknown }).id;
  return !Array.isArray(body) && (typeof id === "string" || typeof id === "number") ? id : null;
}
