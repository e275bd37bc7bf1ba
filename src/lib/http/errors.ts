/** Machine-readable error codes of the admin API and the MCP gate. */
export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upstream_unavailable"
  | "misconfigured"
  | "internal_error";

/**
 * The one error type that becomes an HTTP response. Only status, code, message and details
 * reach the wire; `internal` is for logs and must never hold a token or credential.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly options: { details?: unknown; internal?: string; headers?: HeadersInit } = {},
  ) {
    super(message);
  }
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/**
 * Cuts secrets out of anything logged: MCP URL paths (`/mcp/<redacted>`), bearer values, any
 * bare word shaped like an MCP token (43 base64url characters), and the secret part of OAuth
 * codes and tokens (`…:<grant id>:<32 characters>`, as in a `?code=` or a token request).
 * A server id after `/mcp/` (`mcp_` and 16 base64url characters, as in the admin API's
 * `…/mcp/<server id>/audit`) is not a secret and stays readable.
 */
export function redact(text: string): string {
  return text
    .replace(/\/mcp\/(?!mcp_[A-Za-z0-9_-]{16}(?![^/?#\s"]))[^/?#\s"]+/g, "/mcp/<redacted>")
    .replace(/\b(Bearer\s+)[^\s"',;]+/gi, "$1<redacted>")
    .replace(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, "<redacted>")
    .replace(
      /(?::|%3A)[A-Za-z0-9_-]{16}(?::|%3A)[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/gi,
      ":<redacted>",
    );
}

/** Turns any thrown value into a JSON error response; unexpected errors become a generic 500. */
export function errorResponse(error: unknown, request?: Request): Response {
  if (error instanceof AppError) {
    if (error.options.internal) console.warn(`${error.code}: ${redact(error.options.internal)}`);
    const body: { code: ErrorCode; message: string; details?: unknown } = {
      code: error.code,
      message: error.message,
    };
    if (error.options.details !== undefined) body.details = error.options.details;
    return jsonResponse({ error: body }, { status: error.status, headers: error.options.headers });
  }
  const requestId = crypto.randomUUID();
  const where = request ? `${request.method} ${redact(new URL(request.url).pathname)}` : "";
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`internal error ${requestId} ${where}: ${redact(what)}`);
  return jsonResponse(
    { error: { code: "internal_error", message: `Internal error (request id ${requestId}).` } },
    { status: 500 },
  );
}
