import { AppError, redact } from "../../lib/http/errors";
import { UnknownToolError } from "../../engine/tools/toolset";

/**
 * An HTTP response carrying a JSON-RPC error: with no request id for transport-level faults,
 * with the request's id when the error answers one request.
 */
export function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers?: HeadersInit,
  id: string | number | null = null,
): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id }), {
    status,
    headers: h,
  });
}

/**
 * An error a request handler throws to answer with this JSON-RPC code. The SDK puts `message`
 * on the wire as it is; McpError would prefix it with "MCP error <code>:", and clients prefix
 * again, so a model would read the code twice.
 */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a request handler's failure becomes on the wire (docs/architecture.md §3): JSON-RPC errors and
 * cancellations as they are; an AppError (an operator-facing, secret-free message such as
 * "ENCRYPTION_KEY changed") as -32603 with its message; anything else as a generic -32603
 * whose details go only to the log, under a request id.
 */
export function toJsonRpcError(error: unknown): unknown {
  if (error instanceof JsonRpcError) return error;
  if (error instanceof UnknownToolError) return new JsonRpcError(-32602, error.message);
  if (error instanceof Error && error.name === "AbortError") return error;
  if (error instanceof AppError) return new JsonRpcError(-32603, error.message);
  const requestId = crypto.randomUUID();
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`internal error ${requestId} in a tool call: ${redact(what)}`);
  return new JsonRpcError(-32603, `Internal error (request id ${requestId}).`);
}
