import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { JsonRpcError } from "./json-rpc";

/**
 * The only place that touches private fields of SDK v1, which still serves the 2025 era's
 * sessions. Each patch was written against this release and checks, before it patches, that
 * the fields it needs are there and of the kind it expects; on any other shape it throws, so a
 * session cannot start on an SDK whose internals moved (a silent no-op would bring back the
 * bugs the patches exist for). `test/unit/mcp/sdk-v1-patches.test.ts` pins the installed
 * version to this one and drives each refusal.
 */
export const PATCHED_SDK_VERSION = "1.32.2";

export class UnpatchableSdkError extends Error {
  constructor(what: string) {
    super(
      `@modelcontextprotocol/sdk internals changed (${what}); src/server/mcp/sdk-v1-patches.ts was ` +
        `written for ${PATCHED_SDK_VERSION}: re-check each patch against the new release.`,
    );
  }
}

interface TransportInternals {
  _enableJsonResponse: boolean;
  _streamMapping: Map<string, { resolveJson?: unknown }>;
  _requestToStreamMapping: Map<unknown, string>;
}

function internalsOf(transport: WebStandardStreamableHTTPServerTransport): TransportInternals {
  const internals = transport as unknown as TransportInternals;
  if (typeof internals._enableJsonResponse !== "boolean") {
    throw new UnpatchableSdkError("transport._enableJsonResponse");
  }
  if (!(internals._streamMapping instanceof Map)) {
    throw new UnpatchableSdkError("transport._streamMapping");
  }
  if (!(internals._requestToStreamMapping instanceof Map)) {
    throw new UnpatchableSdkError("transport._requestToStreamMapping");
  }
  return internals;
}

/**
 * Chooses JSON or SSE for the next POST. The SDK transport fixes that per instance; the 2025
 * spec lets the server choose per request, and we follow the client's `Accept` order. The
 * transport reads the field synchronously in `handleRequest` before its first await.
 */
export function setJsonResponse(
  transport: WebStandardStreamableHTTPServerTransport,
  json: boolean,
): void {
  internalsOf(transport)._enableJsonResponse = json;
}

/**
 * Drops the SDK transport's bookkeeping for JSON responses already sent. The SDK never runs the
 * cleanup of a JSON-mode stream, so every JSON POST leaves an entry whose resolver keeps its
 * Response alive: about 1 KB per call that a long-lived session object never frees
 * (typescript-sdk#2559; measured by `npm run soak`). A stream still awaited has a request id in
 * `_requestToStreamMapping`, so only settled ones are removed.
 */
export function releaseSettledJsonStreams(transport: WebStandardStreamableHTTPServerTransport) {
  const { _streamMapping: streams, _requestToStreamMapping: requests } = internalsOf(transport);
  const pending = new Set(requests.values());
  for (const [streamId, stream] of streams) {
    if (stream.resolveJson && !pending.has(streamId)) streams.delete(streamId);
  }
}

/**
 * Sends each message in the answer mode of the stream it belongs to. The SDK transport keeps one
 * JSON-or-SSE switch for the whole session and reads it while it sends, whereas we choose the
 * mode per POST (`setJsonResponse`): a call answered on SSE and still running when a JSON POST
 * arrived (the person's answer to a confirmation, a ping) lost its answer, and a JSON call
 * caught the other way never got one. The switch is set from the stream before each send, and
 * sends run one at a time so it holds across the send's own await (the event store).
 */
export function sendInStreamMode(transport: WebStandardStreamableHTTPServerTransport): void {
  const internals = internalsOf(transport);
  if (typeof transport.send !== "function") throw new UnpatchableSdkError("transport.send");
  const send = transport.send.bind(transport);
  let queue: Promise<unknown> = Promise.resolve();
  transport.send = (message, options) => {
    const run = () => {
      const answers = "id" in message && ("result" in message || "error" in message);
      const id = answers ? message.id : options?.relatedRequestId;
      const streamId = id === undefined ? undefined : internals._requestToStreamMapping.get(id);
      const stream = streamId === undefined ? undefined : internals._streamMapping.get(streamId);
      if (stream) internals._enableJsonResponse = stream.resolveJson !== undefined;
      return send(message, options);
    };
    const sent = queue.then(run, run);
    queue = sent.catch(() => undefined);
    return sent;
  };
}

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

/** The JSON-RPC -32602 a params validation failure stands for; undefined for anything else. */
function asInvalidParams(error: unknown): JsonRpcError | undefined {
  if (!(error instanceof z.core.$ZodError)) return undefined;
  return new JsonRpcError(ErrorCode.InvalidParams, invalidParamsMessage(error.issues));
}

/**
 * The SDK parses each request's params with its schema before the handler runs, and a
 * mismatch escapes as the raw ZodError: on the wire, -32603 Internal error with zod's issue
 * list as JSON for its message (`Protocol.setRequestHandler` and `_onrequest` in
 * shared/protocol.js). Bad params are the client's fault, JSON-RPC 2.0 §5.1 -32602, so every
 * registered handler (the SDK's own initialize, ping and logging/setLevel included) is wrapped
 * to answer that with one line per field. Call after the last `setRequestHandler`.
 */
export function reportInvalidParams(server: Server): void {
  const handlers = (server as unknown as { _requestHandlers?: Map<string, Handler> })
    ._requestHandlers;
  if (!(handlers instanceof Map)) throw new UnpatchableSdkError("server._requestHandlers");
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
