import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { JsonRpcError } from "./json-rpc";

type Handler = (request: unknown, extra: unknown) => Promise<unknown>;

/** `Invalid params: name: Invalid input: expected string, …; …` from a ZodError's issues. */
export function invalidParamsMessage(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String);
    const field = (path[0] === "params" ? path.slice(1) : path).join(".") || "params";
    return `${field}: ${issue.message}`;
  });
  return `Invalid params: ${lines.join("; ")}${issues.length > 5 ? "; …" : ""}`;
}

/**
 * The JSON-RPC -32602 a params validation failure stands for; undefined for anything else.
 * The SDK validates with zod/v4-mini, whose errors share zod's core class.
 */
function asInvalidParams(error: unknown): JsonRpcError | undefined {
  if (!(error instanceof z.core.$ZodError)) return undefined;
  return new JsonRpcError(ErrorCode.InvalidParams, invalidParamsMessage(error.issues));
}

/**
 * The SDK parses each request's params with its schema before the handler runs, and a
 * mismatch escapes as the raw ZodError: on the wire, -32603 Internal error with zod's issue
 * list as JSON for its message (SDK 1.32.2, pinned: `Protocol.setRequestHandler` and
 * `_onrequest` in shared/protocol.js). Bad params are the client's fault, JSON-RPC 2.0 §5.1
 * -32602, so every registered handler (the SDK's own initialize, ping and logging/setLevel
 * included) is wrapped to answer that with one line per field. Call after the last
 * `setRequestHandler`.
 */
export function reportInvalidParams(server: Server): void {
  const handlers = (server as unknown as { _requestHandlers?: Map<string, Handler> })
    ._requestHandlers;
  if (!(handlers instanceof Map)) return;
  for (const [method, handler] of handlers) {
    handlers.set(method, async (request, extra) => {
      try {
        return await handler(request, extra);
      } catch (error) {
        throw asInvalidParams(error) ?? error;
      }
    });
  }
}
