import { bodyCase, HUGE_BODY_BYTES, pingBody } from "./bodies";
import { headerCase } from "./mcp-headers";
import {
  asciiJunk,
  JSON_FIRST,
  ORIGIN,
  post,
  postHeaders,
  SSE_FIRST,
  withHeader,
  type HeaderList,
  type McpContext,
} from "./mcp-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import {
  dataKey,
  deepValue,
  encodePart,
  jsonValue,
  plainString,
  trickyId,
  weirdString,
} from "./values";

export type { McpContext } from "./mcp-request";

const ERROR: Expectation = { kind: "jsonrpc-error" };
const OK: Expectation = { kind: "ok" };
const ANY: Expectation = { kind: "any" };

/** One Streamable HTTP case: a body, header, method or path fault (or a sanity ping). */
export function mcpCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  return rng.byWeight<() => FuzzCase>([
    [46, () => bodyFaultCase(rng, ctx)],
    [36, () => headerCase(rng, ctx, index)],
    [7, () => methodCase(rng, ctx, index)],
    [7, () => pathCase(rng, ctx, index)],
    [5, () => initializeCase(rng, ctx, index)],
    [4, () => sanityCase(rng, ctx, index)],
  ])();
}

/** A fuzzed body (bodies.ts) on the main session, answered as JSON or SSE. */
function bodyFaultCase(rng: Rng, ctx: McpContext): FuzzCase {
  const body = bodyCase(rng);
  const accept = rng.chance(0.75) ? JSON_FIRST : SSE_FIRST;
  const request = post(ctx.main.url, Object.entries(postHeaders(ctx.main, accept)), body.body, rng);
  // The 1 MiB limit is checked on Content-Length (SELF sends one) and on the bytes read.
  if (body.body.length >= HUGE_BODY_BYTES && rng.chance(0.5)) request.via = "self";
  return {
    family: `body: ${body.family}`,
    describe: `${body.describe}${accept === SSE_FIRST ? " (SSE)" : ""}`,
    request,
    expect: body.expect,
    noUpstream: true,
  };
}

/** A plain ping between the fuzz: proves the session survived everything before it. */
function sanityCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  return {
    family: "sanity",
    describe: "ping on the fuzzed session",
    request: post(ctx.main.url, Object.entries(postHeaders(ctx.main)), pingBody(index), rng),
    expect: OK,
    noUpstream: true,
  };
}

function methodCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  const family = "http method";
  const { main } = ctx;
  const session = main.session;
  const variants: [string, FuzzRequest, Expectation][] = [
    [
      "GET stream of the session",
      {
        method: "GET",
        url: main.url,
        headers: [...Object.entries(session), ["accept", "text/event-stream"]],
        read: "headers",
      },
      { kind: "stream-or-error" },
    ],
    [
      "GET stream with a junk Last-Event-ID",
      {
        method: "GET",
        url: main.url,
        headers: [
          ...Object.entries(session),
          ["accept", "text/event-stream"],
          ["last-event-id", rng.pick([asciiJunk(rng, 20), "_1", "x_999999", "e".repeat(5000)])],
        ],
        read: "headers",
      },
      { kind: "stream-or-error" },
    ],
    [
      "GET of the session accepting only JSON",
      {
        method: "GET",
        url: main.url,
        headers: [...Object.entries(session), ["accept", "application/json"]],
      },
      { kind: "jsonrpc-error", status: 406 },
    ],
    [
      "GET without session accepting only JSON",
      { method: "GET", url: main.url, headers: [["accept", "application/json"]] },
      ERROR,
    ],
    [
      "DELETE of an unknown session",
      { method: "DELETE", url: main.url, headers: [["mcp-session-id", crypto.randomUUID()]] },
      { kind: "jsonrpc-error", status: 404 },
    ],
    [
      "DELETE of another server's session",
      {
        method: "DELETE",
        url: main.url,
        headers: [["mcp-session-id", ctx.other.session["mcp-session-id"]!]],
      },
      { kind: "jsonrpc-error", status: 404 },
    ],
    ["DELETE without session", { method: "DELETE", url: main.url }, ERROR],
    // These two must leave the fuzzed session alive: the sanity pings would notice.
    [
      "DELETE of the session with an unsupported protocol version",
      {
        method: "DELETE",
        url: main.url,
        headers: withHeader(session, "mcp-protocol-version", "1999-01-01"),
      },
      { kind: "jsonrpc-error", status: 400 },
    ],
    [
      "DELETE of the session from a foreign origin",
      {
        method: "DELETE",
        url: main.url,
        headers: withHeader(session, "origin", "https://evil.example"),
      },
      { kind: "jsonrpc-error", status: 403 },
    ],
    [
      "GET /sse without Accept",
      { method: "GET", url: `${main.url}/sse`, read: "headers" },
      { kind: "stream-or-error" },
    ],
    [
      "GET /sse from a foreign origin",
      {
        method: "GET",
        url: `${main.url}/sse`,
        headers: [
          ["accept", "text/event-stream"],
          ["origin", "null"],
        ],
        read: "headers",
      },
      { kind: "jsonrpc-error", status: 403 },
    ],
    ...["PUT", "PATCH", "OPTIONS", "HEAD", "PROPFIND"].map(
      (method): [string, FuzzRequest, Expectation] => [
        method,
        {
          method,
          url: main.url,
          headers: Object.entries(session),
          body: method === "PUT" || method === "PATCH" ? pingBody(index) : undefined,
        },
        method === "HEAD" ? { kind: "any" } : { kind: "jsonrpc-error", status: 405 },
      ],
    ),
  ];
  const [describe, request, expect] = rng.pick(variants);
  return { family, describe, request: { via: "direct", ...request }, expect, noUpstream: true };
}

function pathCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  const family = "path";
  const { main } = ctx;
  const base = `${ORIGIN}/mcp/${main.token}`;
  const notFound: Expectation = { kind: "admin-error", statuses: [404] };
  const trick = trickyId(rng);
  const variants: [string, string, Expectation][] = [
    ["trailing slash", `${base}/`, OK],
    ["extra segment", `${base}/x`, notFound],
    ["after sse", `${base}/sse/x`, notFound],
    ["upper-cased token", `${ORIGIN}/mcp/${main.token.toUpperCase()}`, notFound],
    ["encoded slash", `${base}%2Fsse`, notFound],
    ["token only prefix", `${ORIGIN}/mcp/${main.token.slice(0, 20)}`, notFound],
    ["token plus a char", `${base}A`, notFound],
    ["no token", `${ORIGIN}/mcp/`, notFound],
    ["empty token", `${ORIGIN}/mcp//sse`, notFound],
    ["dot segments", `${ORIGIN}/mcp/x/../${main.token}`, OK],
    ["query", `${base}?sessionId=x&token=${main.token}`, OK],
    ["revoked token", ctx.revokedUrl, notFound],
    // `.` and `..` are dot segments: the URL parser resolves them to another path.
    ["path trick", `${ORIGIN}/mcp/${encodePart(trick)}`, /^\.{1,2}$/.test(trick) ? ANY : notFound],
    ["junk token", `${ORIGIN}/mcp/${plainString(rng, 43)}`, notFound],
    ["POST to sse", `${base}/sse`, { kind: "jsonrpc-error", status: 405 }],
    ["messages without sessionId", `${base}/messages`, { kind: "jsonrpc-error", status: 404 }],
  ];
  const [label, url, expect] = rng.pick(variants);
  return {
    family,
    describe: `${label}: POST ${brief(url.replace(main.token, "<token>"), 80)}`,
    request: post(url, Object.entries(postHeaders(main)), pingBody(index), rng),
    expect,
    noUpstream: true,
  };
}

/** A new session's initialize with odd params: it opens a session or says what is wrong. */
function initializeCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  const clientInfo = { name: "fuzz", version: "1" };
  const params = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo };
  const invalid: Expectation = { kind: "jsonrpc-error", codes: [-32602] };
  const [label, value, expect] = rng.pick<[string, unknown, Expectation]>([
    ["unsupported version", { ...params, protocolVersion: "1999-01-01" }, OK],
    ["weird version", { ...params, protocolVersion: weirdString(rng, 4) }, OK],
    ["old version", { ...params, protocolVersion: "2024-11-05" }, OK],
    [
      "weird client name",
      { ...params, clientInfo: { name: weirdString(rng, 12), version: "\u0000" } },
      OK,
    ],
    [
      "200 KB client name",
      { ...params, clientInfo: { name: "c".repeat(200_000), version: "1" } },
      OK,
    ],
    ["deep capabilities", { ...params, capabilities: { experimental: deepValue(5_000) } }, OK],
    ["odd capabilities", { ...params, capabilities: { [dataKey(rng)]: jsonValue(rng) } }, OK],
    ["version number", { ...params, protocolVersion: 20251125 }, invalid],
    ["no protocolVersion", { capabilities: {}, clientInfo }, invalid],
    ["no clientInfo", { protocolVersion: "2025-11-25", capabilities: {} }, invalid],
    ["clientInfo string", { ...params, clientInfo: "fuzz" }, invalid],
    ["client version number", { ...params, clientInfo: { name: "x", version: 1 } }, invalid],
    ["capabilities array", { ...params, capabilities: [] }, invalid],
    ["params empty", {}, invalid],
  ]);
  const body = JSON.stringify({ jsonrpc: "2.0", id: index, method: "initialize", params: value });
  const headers: HeaderList = [
    ["content-type", "application/json"],
    ["accept", rng.chance(0.7) ? JSON_FIRST : SSE_FIRST],
  ];
  return {
    family: "initialize",
    describe: `${label}: ${brief(value, 80)}`,
    request: post(ctx.main.url, headers, body, rng),
    expect,
    noUpstream: true,
  };
}
