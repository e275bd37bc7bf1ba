/** An HTTP response carrying a JSON-RPC error with no request id (transport-level faults). */
export function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers?: HeadersInit,
): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
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
