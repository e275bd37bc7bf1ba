import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import { API_KEY } from "../helpers";
import { pingBody } from "./bodies";
import {
  asciiJunk,
  JSON_FIRST,
  ORIGIN,
  post,
  postHeaders,
  SSE_FIRST,
  withHeader,
  type McpContext,
} from "./mcp-request";
import type { Expectation } from "./oracle";
import type { Rng } from "./prng";
import { brief, type FuzzCase } from "./runner";
import type { FuzzServer } from "./setup";
import { PATH_TRICKS } from "./values";

const OK: Expectation = { kind: "ok" };
const ERROR: Expectation = { kind: "jsonrpc-error" };
const refused = (status: number): Expectation => ({ kind: "jsonrpc-error", status });

/** One header fault on a ping: the header (null value: left out) and what the ping gets. */
interface HeaderFault {
  name: string;
  value: string | null;
  expect: Expectation;
  label?: string;
  /** Default: the main server. */
  server?: FuzzServer;
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

function contentType(rng: Rng): HeaderFault {
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
  const json = value?.split(";")[0]!.trim().toLowerCase() === "application/json";
  return { name: "content-type", value, expect: json ? OK : refused(415) };
}

function accept(rng: Rng): HeaderFault {
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
  const both = !!value?.includes("application/json") && value.includes("text/event-stream");
  return { name: "accept", value, expect: both ? OK : refused(406) };
}

function protocolVersion(rng: Rng): HeaderFault {
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
  return { name: "mcp-protocol-version", value, expect: supported ? OK : refused(400) };
}

function sessionId(rng: Rng, ctx: McpContext): HeaderFault {
  const sid = ctx.main.session["mcp-session-id"]!;
  const headerSafe = PATH_TRICKS.filter((t) => /^[\x21-\x7e]+$/.test(t));
  const [label, value, expect] = rng.byWeight<[string, string, Expectation]>([
    [10, ["unknown", crypto.randomUUID(), refused(404)]],
    [10, ["empty", "", ERROR]],
    [10, ["another server's", ctx.other.session["mcp-session-id"]!, refused(404)]],
    [10, ["very long", "s".repeat(10_000), refused(404)]],
    [10, ["punctuation", asciiJunk(rng, 40), refused(404)]],
    [2, ["latin-1", latin1Junk(rng, 40), refused(404)]],
    [10, ["upper-cased", sid.toUpperCase(), refused(404)]],
    [10, ["padded", ` ${sid} `, OK]],
    [10, ["path trick", rng.pick(headerSafe), ERROR]],
  ]);
  return { name: "mcp-session-id", value, expect, label };
}

function origin(rng: Rng): HeaderFault {
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
  return { name: "origin", value, expect: allowed ? OK : refused(403) };
}

function authorization(rng: Rng, ctx: McpContext): HeaderFault {
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
  // Mostly on the server that requires the API key; the open one must ignore the header.
  const onAuth = rng.chance(0.8);
  return {
    name: "authorization",
    value,
    expect: !onAuth || accepted ? OK : refused(401),
    label: onAuth ? "auth server," : "open server,",
    server: onAuth ? ctx.auth : ctx.main,
  };
}

/** A ping with one header wrong, missing, odd or right: Content-Type to Authorization. */
export function headerCase(rng: Rng, ctx: McpContext, index: number): FuzzCase {
  const fault = rng.byWeight<() => HeaderFault>([
    [6, () => contentType(rng)],
    [6, () => accept(rng)],
    [6, () => protocolVersion(rng)],
    [8, () => sessionId(rng, ctx)],
    [5, () => origin(rng)],
    [5, () => authorization(rng, ctx)],
  ])();
  const server = fault.server ?? ctx.main;
  const headers = withHeader(postHeaders(server), fault.name, fault.value);
  // Bytes, not a string, while Content-Type is under test: fetch adds text/plain to a string.
  const ping = pingBody(index);
  const body = fault.name === "content-type" ? new TextEncoder().encode(ping) : ping;
  return {
    family: fault.name,
    describe: `${fault.label ? `${fault.label} ` : ""}${fault.name} ${brief(fault.value, 40)}`,
    request: post(server.url, headers, body, rng),
    expect: fault.expect,
    noUpstream: true,
  };
}
