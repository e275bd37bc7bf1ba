import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import { API_KEY } from "../helpers";
import { bodyCase, HUGE_BODY_BYTES, pingBody } from "./bodies";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzRequest } from "./send";
import type { FuzzServer } from "./setup";
import {
  dataKey,
  deepValue,
  encodePart,
  jsonValue,
  PATH_TRICKS,
  plainString,
  trickyId,
  weirdString,
} from "./values";

/** The servers the Streamable HTTP target works on. */
export interface McpContext {
  main: FuzzServer;
  /** Another server of the same account: its session id is foreign to `main`. */
  other: FuzzServer;
  /** A server created with `require_api_token_auth`. */
  auth: FuzzServer;
  /** The URL of a revoked server. */
  revokedUrl: string;
}

const ORIGIN = "https://mcp.example.com";
const JSON_FIRST = "application/json, text/event-stream";
const SSE_FIRST = "text/event-stream, application/json";
const ERROR: Expectation = { kind: "jsonrpc-error" };
const OK: Expectation = { kind: "ok" };
const ANY: Expectation = { kind: "any" };

type Headers = [string, string][];

/** Printable ASCII junk, punctuation included: any header can carry it. */
function asciiJunk(rng: Rng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(rng.int(0x21, 0x7e));
  return out;
}

/**
 * Latin-1 bytes past ASCII: the most a fetch header can carry (workerd sends them as UTF-8
 * and logs a warning for each, so they are used sparingly).
 */
function latin1Junk(rng: Rng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += String.fromCharCode(rng.chance(0.5) ? rng.int(0x21, 0x7e) : rng.int(0xa1, 0xff));
  }
  return out;
}

function withHeader(base: Record<string, string>, name: string, value: string | null): Headers {
  const out: Headers = Object.entries(base).filter(([key]) => key.toLowerCase() !== name);
  if (value !== null) out.push([name, value]);
  return out;
}

const postHeaders = (server: FuzzServer, accept = JSON_FIRST): Record<string, string> => ({
  ...server.session,
  "content-type": "application/json",
  accept,
});

function post(url: string, headers: Headers, body: string | Uint8Array, rng: Rng): FuzzRequest {
  return { method: "POST", url, headers, body, via: rng.chance(0.04) ? "self" : "direct" };
}

/** One Streamable HTTP case: a body, header, method or path fault (or a sanity ping). */
export function mcpCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  const family = rng.weighted<string>([
    [46, "body"],
    [6, "content-type"],
    [6, "accept"],
    [6, "protocol version"],
    [8, "session id"],
    [5, "origin"],
    [5, "authorization"],
    [7, "http method"],
    [7, "path"],
    [5, "initialize"],
    [4, "sanity"],
  ]);
  const { main } = ctx;
  switch (family) {
    case "body": {
      const body = bodyCase(rng);
      const accept = rng.chance(0.75) ? JSON_FIRST : SSE_FIRST;
      const request = post(main.url, Object.entries(postHeaders(main, accept)), body.body, rng);
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
    case "content-type": {
      const value = rng.pick<string | null>([
        null,
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/jsonx",
        "",
        asciiJunk(rng, 20),
      ]);
      const headers = withHeader(postHeaders(main), "content-type", value);
      // Bytes, not a string: fetch would add text/plain to a string body.
      const body = new TextEncoder().encode(pingBody(index));
      const json = value?.split(";")[0]!.trim().toLowerCase() === "application/json";
      return {
        family,
        describe: `content-type ${brief(value)}`,
        request: post(main.url, headers, body, rng),
        expect: json ? OK : { kind: "jsonrpc-error", status: 415 },
        noUpstream: true,
      };
    }
    case "accept": {
      const value = rng.pick<string | null>([
        null,
        "application/json",
        "text/event-stream",
        "*/*",
        "application/*, text/*",
        "",
        asciiJunk(rng, 30),
        "text/event-stream;q=0, application/json",
        JSON_FIRST,
        SSE_FIRST,
      ]);
      const both =
        value !== null && value.includes("application/json") && value.includes("text/event-stream");
      return {
        family,
        describe: `accept ${brief(value)}`,
        request: post(
          main.url,
          withHeader(postHeaders(main), "accept", value),
          pingBody(index),
          rng,
        ),
        expect: both ? OK : { kind: "jsonrpc-error", status: 406 },
        noUpstream: true,
      };
    }
    case "protocol version": {
      const value = rng.pick<string>([
        "",
        "1999-01-01",
        "2025-13-45",
        "2024-11-05 ",
        "v".repeat(10_000),
        asciiJunk(rng, 12),
        ...SUPPORTED_PROTOCOL_VERSIONS,
      ]);
      // Headers drop surrounding whitespace, so "2024-11-05 " is the supported 2024-11-05.
      const supported = SUPPORTED_PROTOCOL_VERSIONS.includes(value.trim());
      return {
        family,
        describe: `mcp-protocol-version ${brief(value, 40)}`,
        request: post(
          main.url,
          withHeader(postHeaders(main), "mcp-protocol-version", value),
          pingBody(index),
          rng,
        ),
        expect: supported ? OK : { kind: "jsonrpc-error", status: 400 },
        noUpstream: true,
      };
    }
    case "session id": {
      const sid = main.session["mcp-session-id"]!;
      const notFound: Expectation = { kind: "jsonrpc-error", status: 404 };
      const [label, value, expect] = rng.weighted<[string, string, Expectation]>([
        [10, ["unknown", crypto.randomUUID(), notFound]],
        [10, ["empty", "", ERROR]],
        [10, ["another server's", ctx.other.session["mcp-session-id"]!, notFound]],
        [10, ["very long", "s".repeat(10_000), notFound]],
        [10, ["punctuation", asciiJunk(rng, 40), notFound]],
        [2, ["latin-1", latin1Junk(rng, 40), notFound]],
        [10, ["upper-cased", sid.toUpperCase(), notFound]],
        [10, ["padded", ` ${sid} `, OK]],
        [10, ["path trick", rng.pick(PATH_TRICKS.filter((t) => /^[\x21-\x7e]+$/.test(t))), ERROR]],
      ]);
      return {
        family,
        describe: `${label} mcp-session-id ${brief(value, 40)}`,
        request: post(
          main.url,
          withHeader(postHeaders(main), "mcp-session-id", value),
          pingBody(index),
          rng,
        ),
        expect,
        noUpstream: true,
      };
    }
    case "origin": {
      const [value, allowed] = rng.pick<[string, boolean]>([
        ["https://evil.example", false],
        ["null", false],
        ["http://mcp.example.com", false],
        ["https://mcp.example.com.evil.example", false],
        ["https://allowed.example/", false],
        ["https://allowed.example:443x", false],
        [asciiJunk(rng, 16), false],
        ["https://allowed.example", true],
        [ORIGIN, true],
      ]);
      return {
        family,
        describe: `origin ${brief(value)}`,
        request: post(
          main.url,
          withHeader(postHeaders(main), "origin", value),
          pingBody(index),
          rng,
        ),
        expect: allowed ? OK : { kind: "jsonrpc-error", status: 403 },
        noUpstream: true,
      };
    }
    case "authorization": {
      const [value, accepted] = rng.pick<[string | null, boolean]>([
        [null, false],
        ["", false],
        ["Bearer", false],
        ["Bearer ", false],
        [`Bearer ${API_KEY}x`, false],
        [`Bearer ${API_KEY.slice(0, -1)}`, false],
        [`Basic ${btoa(`user:${API_KEY}`)}`, false],
        [API_KEY, false],
        [`Bearer ${asciiJunk(rng, 30)}`, false],
        [`Bearer ${"k".repeat(10_000)}`, false],
        [`bearer ${API_KEY}`, true],
        [`Bearer   ${API_KEY}`, true],
        [`Bearer ${API_KEY}`, true],
      ]);
      const onAuth = rng.chance(0.8);
      const server = onAuth ? ctx.auth : main;
      const headers = withHeader(postHeaders(server), "authorization", value);
      return {
        family,
        describe: `${onAuth ? "auth server" : "open server"}, authorization ${brief(value, 40)}`,
        request: post(server.url, headers, pingBody(index), rng),
        expect: !onAuth || accepted ? OK : { kind: "jsonrpc-error", status: 401 },
        noUpstream: true,
      };
    }
    case "http method":
      return methodCase(rng, ctx, index);
    case "path":
      return pathCase(rng, ctx, index);
    case "initialize":
      return initializeCase(rng, ctx, index);
    default:
      return {
        family,
        describe: "ping on the fuzzed session",
        request: post(main.url, Object.entries(postHeaders(main)), pingBody(index), rng),
        expect: OK,
        noUpstream: true,
      };
  }
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
  const headers: Headers = [
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
