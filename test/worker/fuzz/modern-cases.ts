import { API_KEY } from "../helpers";
import { asciiJunk, SSE_FIRST } from "./mcp-request";
import { metaSizeCase, toolCallCase } from "./modern-calls";
import { envelopeCase, headerMismatchCase } from "./modern-envelope";
import {
  envelope,
  INVALID_PARAMS,
  INVALID_REQUEST,
  isHeaderSafe,
  METHOD_NOT_FOUND,
  MISMATCH,
  modernHeaders,
  modernPost,
  modernRequest,
  OK,
  replaceHeader,
  UNSUPPORTED,
  type Message,
  type ModernContext,
} from "./modern-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import { dataKey, jsonValue, plainString, weirdString } from "./values";

export type { ModernContext } from "./modern-request";

/** One 2026-07-28 case: a fault of the envelope, headers, method, shape or size, or a sanity call. */
export function modernCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  return rng.byWeight<() => FuzzCase>([
    [20, () => envelopeCase(rng, ctx, index)],
    [16, () => headerMismatchCase(rng, ctx, index)],
    [16, () => toolCallCase(rng, ctx, index)],
    [8, () => unknownMethodCase(rng, ctx, index)],
    [8, () => discoverCase(rng, ctx, index)],
    [7, () => batchCase(rng, ctx, index)],
    [5, () => sessionIdCase(rng, ctx, index)],
    [6, () => metaSizeCase(rng, ctx, index)],
    [7, () => transportCase(rng, ctx, index)],
    [5, () => messageKindCase(rng, ctx, index)],
    [2, () => sanityCase(rng, ctx, index)],
  ])();
}

/** A conforming POST of `message` to the main server. */
const conforming = (rng: Rng, ctx: ModernContext, message: Message) =>
  modernPost(ctx.main.url, message, modernHeaders(message), rng);

/** A method this server does not serve: -32601, or -32020 when no header can name it. */
function unknownMethodCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const [method, params] = rng.pick<[string, Record<string, unknown>]>([
    ["ping", {}],
    ["initialize", {}],
    ["logging/setLevel", { level: "info" }],
    ["resources/list", {}],
    ["resources/read", { uri: "edesk://tickets/1" }],
    ["prompts/list", {}],
    ["prompts/get", { name: "p" }],
    ["completion/complete", {}],
    ["sampling/createMessage", {}],
    ["tools/list ", {}],
    ["TOOLS/LIST", {}],
    ["server/discover/x", {}],
    ["rpc.discover", {}],
    ["__proto__", {}],
    ["constructor", {}],
    ["m".repeat(rng.int(100, 4_000)), {}],
    [weirdString(rng, 6), {}],
  ]);
  return {
    family: "unknown method",
    describe: `method=${brief(method, 60)}`,
    request: conforming(rng, ctx, modernRequest(index, method, params)),
    expect: isHeaderSafe(method) ? METHOD_NOT_FOUND : MISMATCH,
    noUpstream: true,
  };
}

/** tools/list takes only a string cursor; anything else in its place is the client's fault. */
function listParamsCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const cursor = rng.pick<unknown>([5, null, {}, ["x"], true, jsonValue(rng, 3)]);
  const valid = typeof cursor === "string";
  return {
    family: "tools/list with a junk cursor",
    describe: `cursor=${brief(cursor, 80)}`,
    request: conforming(rng, ctx, modernRequest(index, "tools/list", { cursor })),
    expect: valid ? OK : INVALID_PARAMS,
    noUpstream: true,
  };
}

/** `server/discover` with params it does not define: ignored, or refused when not an object. */
function discoverCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  if (rng.chance(0.25)) return listParamsCase(rng, ctx, index);
  const message = modernRequest(index, "server/discover");
  const junk: Record<string, unknown> = {};
  for (let i = rng.int(1, 5); i > 0; i--) {
    junk[rng.chance(0.5) ? plainString(rng, 8) : dataKey(rng)] = jsonValue(rng, 3);
  }
  const notObject = rng.chance(0.2);
  const params = notObject
    ? rng.pick<unknown>([[envelope()], "discover", 7, null, [1, 2]])
    : { ...junk, _meta: { ...envelope(), ...(rng.chance(0.3) ? { x: jsonValue(rng) } : {}) } };
  const body = { ...message, params };
  return {
    family: "server/discover with junk params",
    describe: brief(params, 120),
    request: modernPost(ctx.main.url, body, modernHeaders(message), rng),
    expect: notObject ? INVALID_REQUEST : OK,
    noUpstream: true,
  };
}

/** JSON-RPC batches have no place in 2026-07-28, whatever they hold. */
function batchCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const modern = (i: number) =>
    modernRequest(index * 1000 + i, rng.pick(["tools/list", "server/discover"]));
  const legacy = (i: number) => ({ jsonrpc: "2.0", id: index * 1000 + i, method: "ping" });
  const [label, items] = rng.pick<[string, unknown[]]>([
    ["one modern request", [modern(0)]],
    ["modern requests", [modern(0), modern(1), modern(2)]],
    ["2025 requests", [legacy(0), legacy(1)]],
    ["2025 and modern", [legacy(0), modern(1)]],
    ["a 2025 response", [{ jsonrpc: "2.0", id: 1, result: {} }]],
    ["empty", []],
    ["junk", [1, null]],
    ["101 modern requests", Array.from({ length: 101 }, (_, i) => modern(i))],
  ]);
  const first = items[0] as Message | undefined;
  let headers = first?.method ? modernHeaders(first) : modernHeaders(modern(0));
  // Without the 2026 header only a batch holding a modern request is known to be modern.
  const headerless = items.some((item) => (item as Message)?.params) && rng.chance(0.3);
  if (headerless) headers = replaceHeader(headers, "mcp-protocol-version", null);
  return {
    family: "batch",
    describe: `${label}${headerless ? " (no MCP-Protocol-Version)" : ""}`,
    request: modernPost(ctx.main.url, items, headers, rng),
    expect: INVALID_REQUEST,
    noUpstream: true,
  };
}

/** 2026-07-28 has no sessions: a modern request carrying Mcp-Session-Id is refused. */
function sessionIdCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const [label, value] = rng.pick<[string, string]>([
    ["a live 2025 session of this server", ctx.main.session["mcp-session-id"]!],
    ["unknown", crypto.randomUUID()],
    ["empty", ""],
    ["junk", asciiJunk(rng, 40)],
    ["very long", "s".repeat(10_000)],
  ]);
  const message = modernRequest(index, "tools/call", {
    name: "list_all_e_desk_users",
    arguments: { limit: 1 },
  });
  const headers = [...modernHeaders(message), ["mcp-session-id", value] as [string, string]];
  return {
    family: "Mcp-Session-Id on a modern request",
    describe: label,
    request: modernPost(ctx.main.url, message, headers, rng),
    expect: INVALID_REQUEST,
    noUpstream: true,
  };
}

/** The HTTP around a valid modern request: media type, Accept, Origin, API key, revocation. */
function transportCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const message = modernRequest(index, "tools/list");
  const base = modernHeaders(message);
  const refused = (status: number): Expectation => ({ kind: "jsonrpc-error", status });
  const auth = ctx.auth.url;
  const [label, url, headers, expect, extra] = rng.pick<
    [string, string, [string, string][], Expectation, Partial<FuzzRequest>?]
  >([
    ["text/plain", ctx.main.url, replaceHeader(base, "content-type", "text/plain"), refused(415)],
    ["no Content-Type", ctx.main.url, replaceHeader(base, "content-type", null), refused(415)],
    ["Accept: SSE first", ctx.main.url, replaceHeader(base, "accept", SSE_FIRST), OK],
    ["Accept: JSON only", ctx.main.url, replaceHeader(base, "accept", "application/json"), OK],
    ["foreign Origin", ctx.main.url, [...base, ["origin", "https://evil.example"]], refused(403)],
    ["key server, no key", auth, base, refused(401)],
    [
      "key server, wrong key",
      auth,
      [...base, ["authorization", `Bearer ${API_KEY}x`]],
      refused(401),
    ],
    ["key server, the key", auth, [...base, ["authorization", `Bearer ${API_KEY}`]], OK],
    ["revoked server", ctx.revokedUrl, base, { kind: "admin-error", statuses: [404] }],
    ["PUT", ctx.main.url, base, refused(405), { method: "PUT" }],
  ]);
  const request = modernPost(url, message, headers, rng);
  // Bytes, not a string, while Content-Type is under test: fetch adds text/plain to a string.
  if (label.includes("Content-Type") || label === "text/plain") {
    request.body = new TextEncoder().encode(request.body as string);
  }
  return {
    family: "transport",
    describe: label,
    request: { ...request, ...extra },
    expect,
    noUpstream: true,
  };
}

/** Notifications, posted responses and `subscriptions/listen`, well-formed or not. */
function messageKindCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const note = (method: string, meta: unknown, params: Record<string, unknown> = {}): Message => ({
    jsonrpc: "2.0",
    method,
    params: { ...params, _meta: meta },
  });
  const listen = (notifications: unknown) =>
    modernRequest(index, "subscriptions/listen", { notifications });
  const [label, message, expect, version] = rng.pick<[string, unknown, Expectation, string?]>([
    ["cancelled", note("notifications/cancelled", envelope(), { requestId: index }), OK],
    ["unknown notification", note(`notifications/${plainString(rng, 6)}`, envelope()), OK],
    [
      "notification, version a number",
      note("notifications/cancelled", envelope(5)),
      INVALID_PARAMS,
    ],
    [
      "notification, unsupported version",
      note("notifications/cancelled", envelope("2099-01-01")),
      UNSUPPORTED,
      "2099-01-01",
    ],
    ["posted response", { jsonrpc: "2.0", id: index, result: {} }, INVALID_REQUEST],
    ["listen, junk filter", listen(rng.pick<unknown>(["all", 5, [], null])), INVALID_PARAMS],
    ["listen, filter of junk", listen({ toolsListChanged: "yes" }), INVALID_PARAMS],
    ["listen", listen({ toolsListChanged: true }), { kind: "stream-or-error" }],
  ]);
  const shaped = message as Message;
  const headers = shaped.method
    ? modernHeaders(shaped, version)
    : [...modernHeaders(modernRequest(0, "tools/list")).filter(([n]) => n !== "mcp-method")];
  const request = modernPost(ctx.main.url, message, headers, rng);
  if (label === "listen") request.read = "headers";
  return { family: "message kinds", describe: label, request, expect, noUpstream: true };
}

/** Valid calls between the faults: the server still answers, and a tool call reaches eDesk. */
function sanityCase(rng: Rng, ctx: ModernContext, index: number): FuzzCase {
  const [label, message, expect] = rng.pick<[string, Message, Expectation]>([
    ["server/discover", modernRequest(index, "server/discover"), OK],
    ["tools/list", modernRequest(index, "tools/list"), OK],
    [
      "tools/call",
      modernRequest(index, "tools/call", {
        name: "list_all_e_desk_users",
        arguments: { limit: 1 },
      }),
      { kind: "tool-result" },
    ],
  ]);
  return {
    family: "sanity",
    describe: label,
    request: conforming(rng, ctx, message),
    expect,
    noUpstream: label !== "tools/call",
  };
}
