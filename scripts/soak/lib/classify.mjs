// Sorts each call's outcome into a kind: the worker's isError texts (src/edesk/errors.ts) are
// eDesk faults as the model sees them; exceptions are protocol or transport failures.
import { McpError } from "@modelcontextprotocol/sdk/types.js";

/** isError texts by the sentence the worker opens them with (src/edesk/errors.ts). */
const TOOL_ERRORS = [
  [/HTTP 429/, "rate_limited"],
  [/eDesk failed with HTTP (\d+)/, (m) => `upstream_${m[1]}`],
  [/but the body is not (JSON|a JSON object)|has no `data`/, "bad_response"],
  [/did not answer within/, "timeout"],
  // A connection that drops after the headers (the `reset` fault) reads as a cut-off body.
  [/Could not reach eDesk|the connection broke before the whole body arrived/, "unreachable"],
  [/rejected the account's API token/, "auth"],
  [/found nothing at/, "not_found"],
  [/rejected the request as invalid/, "validation"],
];

/** The kind of an `isError` result, from its text. */
export function toolErrorKind(text) {
  for (const [pattern, kind] of TOOL_ERRORS) {
    const match = pattern.exec(text);
    if (match) return typeof kind === "function" ? kind(match) : kind;
  }
  return "other_tool_error";
}

/** The kind of a thrown error: a JSON-RPC error by code, else a transport failure. */
export function thrownKind(error) {
  if (error instanceof McpError) return `protocol_${error.code}`;
  return "transport";
}

/** Short text of an error for the report's examples; never holds the MCP URL's token. */
export function describe(error) {
  const cause = error?.cause ? ` (cause: ${error.cause.code ?? error.cause.message ?? ""})` : "";
  return `${error?.message ?? error}${cause}`
    .replace(/\/mcp\/[^/\s]+/g, "/mcp/<token>")
    .slice(0, 240);
}
