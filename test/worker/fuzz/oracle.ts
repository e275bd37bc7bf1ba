import { API_KEY, ACME_TOKEN, DEMO_TOKEN } from "../helpers";
import { FUZZ_EDESK_TOKENS } from "./setup";

/** What one fuzz request came back with. `status` 0: no answer within the bound. */
export interface Observed {
  /** The request's method: a HEAD answer has no body by definition (RFC 9110 §9.3.2). */
  method?: string;
  /** The request's URL: a 401 may name its server's metadata, token and all (see below). */
  url?: string;
  status: number;
  headers: [string, string][];
  /** The body as read: whole for JSON, up to the end for a POST's SSE answer. */
  body: string;
  contentType: string;
  ms: number;
  timedOut: boolean;
  /** Stream responses: headers were read and the body cancelled on purpose. */
  streamCancelled?: boolean;
}

/** What a case must get, beyond the checks every case gets. */
export type Expectation =
  /** Only the universal checks: no 5xx, in time, well-formed errors, no leak. */
  | { kind: "any" }
  /**
   * A JSON-RPC error: as the HTTP answer (4xx) or as the JSON-RPC response (200); `data`: a
   * text its `error.data` must carry (e.g. the supported versions of a -32022).
   */
  | { kind: "jsonrpc-error"; codes?: readonly number[]; status?: number; data?: string }
  /** A success: 2xx, and no JSON-RPC error in the answer. */
  | { kind: "ok" }
  /** A tool result, failed or not, but no JSON-RPC error (no -32603 for valid input). */
  | { kind: "tool-result" }
  /** A 200 JSON-RPC result with `isError: true` whose text names the tool or an argument. */
  | { kind: "tool-error"; tool: string; mentions: readonly string[] }
  /** An admin-API style 4xx `{"error":{"code","message"}}`; `field`: its details name it. */
  | { kind: "admin-error"; statuses?: readonly number[]; field?: string }
  /** An OAuth 4xx `{"error","error_description"}` (RFC 6749 §5.2, RFC 7591 §3.2.2). */
  | { kind: "oauth-error"; statuses?: readonly number[] }
  /** The sign-in page's answers: its HTML page (2xx or 4xx) or a redirect to the client. */
  | { kind: "page-or-redirect" }
  /** `GET` stream: an SSE stream, or a JSON-RPC error explaining why not. */
  | { kind: "stream-or-error" };

/** Secrets no response or log line may carry; MCP tokens are added as servers are created. */
export const STATIC_SECRETS: readonly string[] = [
  API_KEY,
  DEMO_TOKEN,
  ACME_TOKEN,
  ...FUZZ_EDESK_TOKENS,
];

// What a stack trace or an internal error looks like when it escapes: V8 frames (also inside
// a JSON string, where the newline is escaped), file positions, and `TypeError: `-style
// prefixes. Protocol messages such as "Parse error: …" are lower case and do not match.
const LEAK_MARKERS: readonly [string, RegExp][] = [
  ["a stack frame", /(?:\n|\\n)\s+at \S/],
  ["a source position", /\.(?:ts|js|mjs|cjs):\d+/],
  ["an `Error:` prefix", /(?:^|[^A-Za-z])(?:[A-Z][A-Za-z]*)?Error: /],
];

/** Headers the worker uses between itself and the ServerObject; never on the wire. */
const INTERNAL_HEADER = /^x-edesk-mcp-/i;

/**
 * RFC 9728 §5.1: a 401 points at the protected resource metadata of the URL requested, whose
 * well-known path is built from the server URL, token and all. That one echo goes back to the
 * holder of the token it names; any other token in the header is still a leak.
 */
function withoutOwnMetadataUrl(value: string, url: string | undefined): string {
  let token: string | undefined;
  try {
    token = url
      ? /^\/mcp\/([A-Za-z0-9_-]{43})(?:\/|$)/.exec(new URL(url).pathname)?.[1]
      : undefined;
  } catch {
    token = undefined;
  }
  if (!token) return value;
  return value.replaceAll(`/.well-known/oauth-protected-resource/mcp/${token}"`, '/…"');
}

function leaks(where: string, text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (secret && text.includes(secret)) found.push(`${where} carries a secret (${mask(secret)})`);
  }
  for (const [what, marker] of LEAK_MARKERS) {
    const match = marker.exec(text);
    if (match) found.push(`${where} carries ${what}: …${excerpt(text, match.index)}…`);
  }
  return found;
}

const mask = (secret: string) => `${secret.slice(0, 4)}…${secret.length} chars`;
const excerpt = (text: string, at: number) =>
  JSON.stringify(text.slice(Math.max(0, at - 40), at + 60));

/** JSON-RPC messages of a body: one JSON value, a JSON array, or SSE `data:` lines. */
export function rpcMessages(observed: Observed): unknown[] {
  if (observed.contentType.includes("text/event-stream")) {
    const messages: unknown[] = [];
    for (const line of observed.body.split("\n")) {
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (!data) continue;
      try {
        messages.push(JSON.parse(data));
      } catch {
        messages.push({ unparsable: data.slice(0, 80) });
      }
    }
    return messages;
  }
  const value = parseJson(observed.body);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isRpcError(value: unknown): boolean {
  return (
    isObject(value) &&
    value.jsonrpc === "2.0" &&
    isObject(value.error) &&
    Number.isInteger(value.error.code) &&
    typeof value.error.message === "string" &&
    value.error.message.trim().length > 0
  );
}

function isOAuthError(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.error === "string" &&
    /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/.test(value.error) &&
    (value.error_description === undefined || typeof value.error_description === "string")
  );
}

/** The sign-in pages are HTML, from the worker's own template. */
const isPage = (observed: Observed) =>
  observed.contentType.startsWith("text/html") && observed.body.startsWith("<!doctype html>");

function isAdminError(value: unknown): boolean {
  return (
    isObject(value) &&
    isObject(value.error) &&
    typeof value.error.code === "string" &&
    value.error.code.length > 0 &&
    typeof value.error.message === "string" &&
    value.error.message.trim().length > 0
  );
}

/** Whether an admin error's `details` name `field` (or a part of it, `config.confirm.x`). */
function namesField(body: unknown, field: string): boolean {
  const details = isObject(body) && isObject(body.error) ? body.error.details : undefined;
  return (
    Array.isArray(details) &&
    details.some(
      (d) =>
        isObject(d) &&
        typeof d.field === "string" &&
        (d.field === field || d.field.startsWith(`${field}.`)),
    )
  );
}

/**
 * The shared oracle: every case gets (1) no 5xx, (2) an answer within the bound, (3) the
 * answer its expectation names, and a well-formed JSON error body on every 4xx, (4) no secret,
 * stack trace or internal header in the answer or in any log line written meanwhile.
 */
export function checkCase(
  observed: Observed,
  expectation: Expectation,
  secrets: readonly string[],
  logLines: readonly string[],
): string[] {
  const problems: string[] = [];
  if (observed.timedOut) return [`no answer within ${observed.ms} ms`];
  // A 502 would be legitimate only with eDesk unreachable, which never happens here.
  if (observed.status >= 500) problems.push(`answered ${observed.status}`);
  problems.push(...leaks("the body", observed.body, secrets));
  for (const [name, value] of observed.headers) {
    if (INTERNAL_HEADER.test(name)) problems.push(`internal header ${name} reached the client`);
    const own = name === "www-authenticate" ? withoutOwnMetadataUrl(value, observed.url) : value;
    problems.push(...leaks(`header ${name}`, own, secrets));
  }
  for (const line of logLines) problems.push(...leaks("a log line", line, secrets));
  if (observed.status >= 400 && observed.method !== "HEAD") {
    const body = parseJson(observed.body);
    if (!isRpcError(body) && !isAdminError(body) && !isOAuthError(body) && !isPage(observed)) {
      problems.push(`${observed.status} without a JSON error body: ${observed.body.slice(0, 120)}`);
    }
  }
  problems.push(...checkExpectation(observed, expectation));
  return problems;
}

function checkExpectation(observed: Observed, expectation: Expectation): string[] {
  const { status } = observed;
  switch (expectation.kind) {
    case "any":
      return [];
    case "stream-or-error":
      if (status === 200 && observed.contentType.includes("text/event-stream")) return [];
      return status >= 400 ? [] : [`expected an SSE stream or an error, got ${status}`];
    case "admin-error": {
      const { statuses } = expectation;
      if (status < 400 || status >= 500) return [`expected a 4xx admin error, got ${status}`];
      if (statuses && !statuses.includes(status)) {
        return [`expected ${statuses.join(" or ")}, got ${status}`];
      }
      const body = parseJson(observed.body);
      if (!isAdminError(body)) return ["4xx without {error:{code,message}}"];
      return expectation.field && !namesField(body, expectation.field)
        ? [`400 without details naming ${expectation.field}`]
        : [];
    }
    case "oauth-error": {
      const { statuses } = expectation;
      if (status < 400 || status >= 500) return [`expected a 4xx OAuth error, got ${status}`];
      if (statuses && !statuses.includes(status)) {
        return [`expected ${statuses.join(" or ")}, got ${status}`];
      }
      return isOAuthError(parseJson(observed.body))
        ? []
        : ["4xx without {error,error_description}"];
    }
    case "page-or-redirect": {
      if (status === 302 || status === 303) {
        const location = observed.headers.find(([name]) => name === "location")?.[1];
        return location ? [] : [`${status} without a Location`];
      }
      if (isPage(observed)) return [];
      // A body over the form limit is refused before any page is built.
      return status === 413 ? [] : [`expected the sign-in page or a redirect, got ${status}`];
    }
    case "jsonrpc-error":
      if (expectation.status && status !== expectation.status) {
        return [
          `expected HTTP ${expectation.status}, got ${status} ${observed.body.slice(0, 120)}`,
        ];
      }
      return expectRpcError(observed, expectation.codes, expectation.data);
    case "ok": {
      if (status < 200 || status >= 300)
        return [`expected success, got ${status} ${observed.body.slice(0, 120)}`];
      const failed = rpcMessages(observed).filter(isRpcError);
      return failed.length
        ? [`expected success, got ${JSON.stringify(failed[0]).slice(0, 160)}`]
        : [];
    }
    case "tool-error":
      return expectToolError(observed, expectation.tool, expectation.mentions);
    case "tool-result": {
      const message = rpcMessages(observed)[0];
      if (observed.status !== 200 || !isObject(message) || !isObject(message.result)) {
        return [`expected a tool result, got ${observed.status} ${observed.body.slice(0, 200)}`];
      }
      const content = message.result.content;
      const text = Array.isArray(content) ? String(content[0]?.text ?? "") : "";
      return text.trim() ? [] : ["the tool result has no text"];
    }
  }
}

function expectRpcError(observed: Observed, codes?: readonly number[], data?: string): string[] {
  const errors = rpcMessages(observed).filter(isRpcError) as {
    error: { code: number; message: string; data?: unknown };
  }[];
  if (errors.length === 0) {
    return [
      `expected a JSON-RPC error, got ${observed.status} ${observed.body.slice(0, 160) || "(empty)"}`,
    ];
  }
  if (codes && !errors.some((e) => codes.includes(e.error.code))) {
    return [
      `expected JSON-RPC code ${codes.join(" or ")}, got ${errors.map((e) => e.error.code).join(", ")}: ${errors[0]!.error.message.slice(0, 120)}`,
    ];
  }
  if (
    data !== undefined &&
    !errors.some((e) => JSON.stringify(e.error.data ?? null).includes(data))
  ) {
    return [
      `the error's data does not carry ${JSON.stringify(data)}: ${JSON.stringify(errors[0]!.error).slice(0, 200)}`,
    ];
  }
  return [];
}

/**
 * Error log lines among those a case wrote. A refused request is the client's fault: its
 * answer says what was wrong, and an error line per refusal would let any URL holder fill the log.
 */
export function errorLines(logLines: readonly string[]): string[] {
  return logLines
    .filter((line) => line.startsWith("error:"))
    .map((line) => `wrote an error log line: ${line.slice(0, 200)}`);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether an error text names an argument as a field: `- id: required`, `contact.email: …`,
 * `give at least one of a, b`. A bare substring would not do: "Invalid" contains "id".
 */
export function namesArgument(text: string, name: string): boolean {
  const field = new RegExp(`(?:^|[\\s\\-.(\\[,"'])${escapeRegExp(name)}(?:$|[\\s:.\\[\\],"')])`);
  return field.test(text);
}

function expectToolError(observed: Observed, tool: string, mentions: readonly string[]): string[] {
  if (observed.status !== 200) {
    return [`expected a tool result, got HTTP ${observed.status} ${observed.body.slice(0, 160)}`];
  }
  const message = rpcMessages(observed)[0];
  if (!isObject(message) || !isObject(message.result)) {
    return [`expected a tool result, got ${observed.body.slice(0, 200)}`];
  }
  const result = message.result;
  const problems: string[] = [];
  if (result.isError !== true) problems.push("a known-invalid call did not answer isError: true");
  if (result.structuredContent !== undefined)
    problems.push("an error result has structuredContent");
  const text: string = Array.isArray(result.content)
    ? result.content.map((part: { text?: unknown }) => String(part?.text ?? "")).join("\n")
    : "";
  const names = mentions.filter(Boolean);
  if (!text.trim()) problems.push("the error result has no text");
  else if (names.length && !names.some((name) => namesArgument(text, name))) {
    problems.push(
      `the error does not name the offending argument ${names.map((m) => JSON.stringify(m)).join("/")}: ${text.slice(0, 200)}`,
    );
  } else if (!names.length && !text.includes(tool)) {
    problems.push(`the error names neither ${tool} nor an argument: ${text.slice(0, 200)}`);
  }
  return problems;
}
