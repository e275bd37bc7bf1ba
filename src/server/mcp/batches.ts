import { jsonRpcError } from "./json-rpc";

/** The first revision without JSON-RPC batches (2025-06-18 changelog: "Remove support for JSON-RPC batching"). */
const FIRST_WITHOUT_BATCHES = "2025-06-18";
/** The first revision of the stateless era, which has no batches either. */
const FIRST_MODERN = "2026-07-28";

const isInitialize = (message: unknown) =>
  typeof message === "object" &&
  message !== null &&
  (message as { method?: unknown }).method === "initialize";

const refuse = (version: string) =>
  jsonRpcError(
    400,
    -32600,
    `Invalid Request: protocol ${version} has no JSON-RPC batches; send each message in its own HTTP request.`,
  );

/**
 * The -32600 for a batch the session's revision does not have, or undefined to go on. A batch
 * multiplies what one HTTP request can make the server do (100 messages, each a tool call that
 * may send several eDesk requests), so it is served only where the negotiated revision
 * (2025-03-26) still defines it. `initialize` is never batched (2025-03-26 §Lifecycle).
 * `negotiated` is unknown before a session exists; the transport then refuses any message but
 * `initialize` itself. A batch of 2025-shaped messages under a 2026-07-28 header reaches this
 * era (the SDK's classifier routes every batch without a 2026 envelope here), and is refused
 * in that revision's name.
 */
export function batchRefusal(
  request: Request,
  body: unknown,
  negotiated?: string,
): Response | undefined {
  if (!Array.isArray(body)) return undefined;
  const header = request.headers.get("mcp-protocol-version")?.trim() ?? "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(header) && header >= FIRST_MODERN) return refuse(header);
  if (body.some(isInitialize)) {
    return jsonRpcError(
      400,
      -32600,
      "Invalid Request: initialize must be sent alone, not in a JSON-RPC batch.",
    );
  }
  if (negotiated === undefined || negotiated < FIRST_WITHOUT_BATCHES) return undefined;
  return refuse(negotiated);
}
