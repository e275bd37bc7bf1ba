import { jsonResponse } from "../../lib/http/errors";

/** Header by which the worker hands the token's hash (never the token) to the ServerObject. */
export const TOKEN_HASH_HEADER = "x-edesk-mcp-token-hash";
/** Set by the ServerObject on a 404 so the worker drops its memoised route. */
export const UNKNOWN_HEADER = "x-edesk-mcp-unknown";

/** One body for unknown, expired and revoked tokens: nothing tells them apart (docs/architecture.md §1). */
export function notFound(): Response {
  return jsonResponse(
    { error: { code: "not_found", message: "No MCP server at this URL." } },
    { status: 404, headers: { [UNKNOWN_HEADER]: "1" } },
  );
}
