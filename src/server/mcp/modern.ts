import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  ProtocolError,
  Server,
  inputRequired,
  inputResponse,
  isJsonContentType,
  type CallToolResult,
  type ListToolsResult,
  type RequestStateCodec,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { CallToolResult as SdkV1CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  asksByForm,
  CONFIRM_KEY,
  NO_ELICITATION,
  type ConfirmChannel,
  type ConfirmState,
} from "../../engine/guard/confirm";
import { createMcpHandler } from "agents/mcp/server";
import { z } from "zod";
import { redact } from "../../lib/http/errors";
import { MAX_BODY_BYTES } from "../../lib/http/read-json";
import { clientIdentity } from "./client-identity";
import { jsonRpcError } from "./json-rpc";
import { INSTRUCTIONS, SERVER_INFO, type CallScope, type ToolHost } from "./mcp-server";

/**
 * How long a client may reuse a `tools/list` result (2026-07-28 "Caching"). The list depends
 * on the server's config, which an operator can change at any time, so the hint is short and
 * `private` (the list differs per token): a client that does not listen sees a changed list
 * within a minute, and one listening with `subscriptions/listen` hears
 * `notifications/tools/list_changed` at once.
 */
const TOOLS_LIST_TTL_MS = 60 * 1000;

/**
 * `tools/list` params. Registered with its own schema because the SDK answers a params
 * mismatch of a handler registered without one (a numeric `cursor`) as -32603 with zod's
 * issue list for a message; with a schema it is the client's fault, -32602. No cursor is ever
 * issued: one page holds every tool.
 */
const LIST_PARAMS = z.looseObject({ cursor: z.string().optional() });

/**
 * Open `subscriptions/listen` streams per server. Each holds a stream and its reader in the
 * ServerObject's memory for as long as the client stays, so one URL holder could otherwise open
 * them without end; a client needs one. Same order as the legacy SSE cap (MAX_LEGACY_SESSIONS),
 * but past it the new listen is refused: ending someone else's listener would let any URL holder
 * deafen the others.
 */
export const MAX_LISTENERS = 100;

/** The path the handler is mounted on inside the ServerObject; the token never reaches it. */
const ROUTE = "/mcp";

/**
 * The 2026-07-28 era of one MCP server (stateless, per-request `_meta` envelope,
 * `server/discover`, `subscriptions/listen`), served by the `agents` handler over an SDK v2
 * low-level server built per request. It runs inside the ServerObject, after authorisation, so
 * revocation, expiry and `require_api_token_auth` hold for this era as for the 2025 one, and a
 * config change can reach the listeners held here.
 */
export class ModernEndpoint {
  private readonly handler: ReturnType<typeof createMcpHandler>;
  /** The per-request scope of the request being served, by the Request the handler sees. */
  private readonly scopes = new WeakMap<Request, ModernScope>();
  private readonly streams = new Set<() => void>();
  /** One entry per listen stream, taken before the handler runs so that a burst cannot pass. */
  private readonly listeners = new Set<object>();

  constructor(private readonly host: ToolHost) {
    this.handler = createMcpHandler(({ requestInfo }) => this.server(host, requestInfo), {
      route: ROUTE,
      legacy: "reject",
      // The worker checks Origin before routing here, and the DO answers only the worker.
      corsOptions: false,
      allowedOriginHostnames: "*",
      maxRequestBodySize: MAX_BODY_BYTES,
      onerror: (error) => {
        if (isClientFault(error)) return;
        console.error(`mcp (2026-07-28): ${redact(`${error.name}: ${error.message}`)}`);
      },
    });
  }

  /** Serves one modern-era POST whose JSON body the caller has already read and checked. */
  async handle(request: Request, body: unknown): Promise<Response> {
    if (!isJsonContentType(request.headers.get("content-type"))) {
      return jsonRpcError(415, -32600, "Unsupported Media Type: send application/json.");
    }
    const listen = isListen(body);
    if (listen && this.listeners.size >= MAX_LISTENERS) return tooManyListeners(body);
    const slot = {};
    if (listen) this.listeners.add(slot);
    const url = new URL(request.url);
    const inner = new Request(`${url.origin}${ROUTE}`, {
      method: "POST",
      headers: request.headers,
    });
    const scope: ModernScope = { signer: await this.host.confirmationSigner() };
    this.scopes.set(inner, scope);
    let response: Response;
    try {
      response = await this.handler.fetch(inner, { parsedBody: body });
    } catch (error) {
      this.listeners.delete(slot);
      throw error;
    }
    return this.track(withRateHeaders(response, scope), slot);
  }

  /** Tells every client listening on this server that its tool list changed. */
  toolsChanged(): void {
    this.handler.notify.toolsChanged();
  }

  /** Ends every open stream (revocation, expiry): a listener must not outlive its server. */
  closeAll(): void {
    for (const close of this.streams) close();
    this.streams.clear();
    this.listeners.clear();
  }

  /**
   * Streams (`subscriptions/listen`, and calls answered over SSE) are read through a stream of
   * this object's, so that revocation can end them: the `agents` handler offers no close.
   * Each chunk is pulled within the stream's own request, which is what makes a notification
   * published from another request (an operator's PATCH) and the end of the stream reach the
   * client at once rather than at the next keep-alive.
   */
  private track(response: Response, slot: object): Response {
    const source = response.body;
    if (!source || !response.headers.get("content-type")?.includes("text/event-stream")) {
      this.listeners.delete(slot);
      return response;
    }
    const reader = source.getReader();
    const close = () => void reader.cancel().catch(() => {});
    const ended = () => {
      this.streams.delete(close);
      this.listeners.delete(slot);
    };
    this.streams.add(close);
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) {
          ended();
          controller.close();
        } else controller.enqueue(chunk.value);
      },
      cancel: () => {
        ended();
        close();
      },
    });
    return new Response(body, response);
  }

  private server(host: ToolHost, request: Request | undefined): Server {
    const scope: ModernScope = (request && this.scopes.get(request)) ?? {};
    const { signer } = scope;
    const server = new Server(SERVER_INFO, {
      capabilities: { tools: { listChanged: true } },
      instructions: INSTRUCTIONS,
      cacheHints: { "tools/list": { ttlMs: TOOLS_LIST_TTL_MS, cacheScope: "private" } },
      // A confirmation's state comes back from the client: only a state this server signed,
      // unexpired, reaches the handler (-32602 otherwise).
      ...(signer ? { requestState: { verify: signer.verify } } : {}),
    });
    // The tool engine speaks SDK v1's types; the wire shapes are the same, only the two SDKs'
    // TypeScript spellings of a JSON value differ.
    server.setRequestHandler("tools/list", { params: LIST_PARAMS }, () => ({
      tools: host.listTools() as unknown as ListToolsResult["tools"],
    }));
    server.setRequestHandler("tools/call", async (call, ctx: ServerContext) => {
      // Each 2026-07-28 request names its client in its own `_meta` (the SDK has checked the
      // shape); the SDK's types leave the envelope's keys untyped.
      const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
      scope.client = clientIdentity(envelope?.[CLIENT_INFO_META_KEY]);
      return (await host.callTool(call.params.name, call.params.arguments ?? {}, {
        signal: ctx.mcpReq.signal,
        requestId: ctx.mcpReq.id,
        scope,
        confirm: roundsChannel(ctx, signer),
      })) as unknown as CallToolResult;
    });
    return server;
  }
}

/** What one modern request's calls share: the 2025 scope, and the confirmation signer. */
interface ModernScope extends CallScope {
  signer?: RequestStateCodec<ConfirmState>;
}

/**
 * The 2026-07-28 way to a person (the multi-round-trip pattern): the call answers with an
 * `input_required` result carrying an elicitation and a signed state; the client asks its
 * person and retries the call with the answer and the state. Capabilities come with each
 * request (`_meta`), so the check is per call.
 */
function roundsChannel(
  ctx: ServerContext,
  signer: RequestStateCodec<ConfirmState> | undefined,
): ConfirmChannel {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  if (!signer || !asksByForm(envelope?.[CLIENT_CAPABILITIES_META_KEY])) {
    return { kind: "none", why: NO_ELICITATION };
  }
  const answer = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_KEY);
  return {
    kind: "rounds",
    state: ctx.mcpReq.requestState<ConfirmState>(),
    answer:
      answer.kind === "elicit" ? { action: answer.action, content: answer.content } : undefined,
    question: async (form, state) =>
      inputRequired({
        inputRequests: { [CONFIRM_KEY]: inputRequired.elicit(form) },
        requestState: await signer.mint(state),
      }) as unknown as SdkV1CallToolResult,
  };
}

function isListen(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    (body as { method?: unknown }).method === "subscriptions/listen"
  );
}

/** The refusal of a listen past MAX_LISTENERS: the open listeners stay as they are. */
function tooManyListeners(body: unknown): Response {
  const id = (body as { id?: unknown }).id;
  return jsonRpcError(
    429,
    -32000,
    `Too many listeners: this MCP server already has ${MAX_LISTENERS} open subscriptions/listen streams. Close a listener you no longer need, then listen again.`,
    undefined,
    typeof id === "string" || typeof id === "number" ? id : null,
  );
}

/**
 * The handler reports the requests it refused (bad version, header mismatch, a batch or a
 * posted response) through the same callback as its own faults. Those answers already tell
 * the client what was wrong; logging them would let any URL holder fill the log.
 */
export function isClientFault(error: Error): boolean {
  return (
    error instanceof ProtocolError ||
    /^(?:Rejected (?:inbound|2025-era) request|Unsupported Media Type)\b/.test(error.message)
  );
}

/** Copies a tool call's rate-limit figures onto a plain JSON response (docs/architecture.md §1). */
export function withRateHeaders(response: Response, scope: CallScope): Response {
  const figures = scope.rateHeaders;
  if (!figures || !response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const out = new Response(response.body, response);
  for (const [name, value] of Object.entries(figures)) out.headers.set(name, value);
  return out;
}
