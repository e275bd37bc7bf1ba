import { isRecord } from "../lib/encoding/json";
import { errorCodeMeaning } from "./error-codes";
import type { RateLimitFigures } from "./rate-limit";

/** Every way an eDesk call can fail, as the tool engine reports it. */
export type EdeskErrorKind =
  | "validation"
  | "auth"
  | "not_found"
  | "rate_limited"
  | "upstream"
  | "timeout"
  | "unreachable"
  | "bad_response";

/** One field eDesk rejected: its name, the code as sent (a string, §3) and the code's meaning. */
export interface FieldError {
  field: string;
  code: string;
  meaning: string;
}

/** What the client knew about the failed call; none of it may hold the API token. */
export interface EdeskCallInfo {
  method: string;
  path: string;
  /** The HTTP status, or null when no response arrived. */
  status: number | null;
  /** Upstream rate-limit figures after the call (rate-limit.ts). */
  ratelimit?: RateLimitFigures;
}

/**
 * A failed eDesk call. `message` is written for a model: what went wrong and what to do next.
 * It never contains the API token (the client scrubs upstream text before it gets here).
 */
export class EdeskError extends Error {
  override readonly name = "EdeskError";
  readonly status: number | null;
  readonly ratelimit?: RateLimitFigures;

  constructor(
    readonly kind: EdeskErrorKind,
    message: string,
    info: EdeskCallInfo,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.status = info.status;
    this.ratelimit = info.ratelimit;
  }

  /** The same failure, saying that the read was already tried `attempts` times (retry.ts). */
  afterAttempts(attempts: number): EdeskError {
    if (attempts < 2) return this;
    const info = { method: "", path: "", status: this.status, ratelimit: this.ratelimit };
    const note = ` The read was tried ${attempts} times in a row with the same result.`;
    return new EdeskError(this.kind, this.message + note, info, this.fields);
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isWrite = (method: string) => WRITE_METHODS.has(method.toUpperCase());
const MAX_FIELDS = 20;
// eDesk's own wording helps the model ("Failed to parse time string", §2.3), but is capped.
const MAX_UPSTREAM_TEXT = 300;

/** Error envelope `{error: {httpCode, message, details}}` (docs/edesk-api.md §3). */
function envelope(body: unknown): { message?: string; details?: unknown } {
  if (!isRecord(body) || !isRecord(body.error)) return {};
  const message = typeof body.error.message === "string" ? body.error.message : undefined;
  return { message, details: body.error.details };
}

/**
 * The fields of a 400's `details`, `{field: {errorCode: "4003"}}` (docs/edesk-api.md §3; the live
 * API sends errorCode as a string), each with the documented meaning of its code.
 */
export function parseFieldErrors(details: unknown): FieldError[] {
  if (!isRecord(details)) return [];
  const fields: FieldError[] = [];
  for (const [field, value] of Object.entries(details)) {
    // GUESS: only `{errorCode}` per field is documented; a bare code or an array of them is
    // read too, so an undocumented variant still names the field.
    for (const entry of Array.isArray(value) ? value : [value]) {
      const raw = isRecord(entry) ? entry.errorCode : entry;
      if (typeof raw !== "string" && typeof raw !== "number") continue;
      const code = String(raw);
      fields.push({ field, code, meaning: errorCodeMeaning(code) });
    }
  }
  return fields.slice(0, MAX_FIELDS);
}

/** Upstream wording for the message: eDesk's `message` and a string `details`, if any. */
function upstreamText(body: unknown): string {
  const { message, details } = envelope(body);
  const parts = [message, typeof details === "string" ? details : undefined].filter(
    (part): part is string => Boolean(part && part.trim()),
  );
  if (!parts.length) return "";
  const said = parts.join(": ").replace(/\s+/g, " ");
  return ` eDesk said: "${said.length > MAX_UPSTREAM_TEXT ? `${said.slice(0, MAX_UPSTREAM_TEXT)}…` : said}".`;
}

const where = (info: EdeskCallInfo) => `${info.method} ${info.path}`;

/** After a failure on a write we cannot know whether eDesk applied it. */
function unsureWrite(info: EdeskCallInfo): string {
  return isWrite(info.method)
    ? " This was a write and may or may not have been applied: check the current state with a read tool before calling it again (writes are never retried automatically)."
    : " Retrying the same call later may succeed.";
}

function validationError(info: EdeskCallInfo, body: unknown): EdeskError {
  const fields = parseFieldErrors(envelope(body).details);
  const head = `eDesk rejected the request as invalid (HTTP ${info.status}, ${where(info)}).`;
  if (!fields.length) {
    const tail = " Check the arguments against the tool's input schema, fix them and call again.";
    return new EdeskError("validation", head + upstreamText(body) + tail, info);
  }
  const lines = fields.map((f) => `- ${f.field}: ${f.meaning} (error ${f.code})`);
  const tail =
    "\nFix these fields and call the tool again. 'object not found' (4002) means the id given does not exist: look it up with a list or get tool.";
  return new EdeskError("validation", `${head}\n${lines.join("\n")}${tail}`, info, fields);
}

function authError(info: EdeskCallInfo): EdeskError {
  let text =
    "eDesk rejected the account's API token (expired, revoked or read-only): an operator must rotate " +
    `the account's credentials (HTTP ${info.status} on ${where(info)}). Calling again will not help; tell the user.`;
  if (info.status === 403 && isWrite(info.method)) {
    // docs/edesk-api.md §1: Read-only tokens allow GET only; writes need a Full Access token.
    text +=
      " This was a write: a Read-only eDesk token cannot create, update or delete, so the operator needs a Full Access token.";
  }
  return new EdeskError("auth", text, info);
}

function notFoundError(info: EdeskCallInfo, body: unknown): EdeskError {
  const text =
    `eDesk found nothing at ${where(info)} (HTTP 404).${upstreamText(body)} ` +
    "The id is probably wrong or the record was deleted: find the right id with a list tool, then call again.";
  return new EdeskError("not_found", text, info);
}

function rateLimitedError(info: EdeskCallInfo): EdeskError {
  const wait = info.ratelimit?.reset ?? 1;
  const text =
    `eDesk's rate limit for this account is used up (HTTP 429, ${where(info)}; eDesk allows a burst of 60 requests, refilling 2 per second). ` +
    `Retry in ${wait} s. Nothing was applied, and writes are never retried automatically: ` +
    "call the tool again after the wait and avoid bursts of parallel calls.";
  return new EdeskError("rate_limited", text, info);
}

function upstreamError(info: EdeskCallInfo, body: unknown): EdeskError {
  const text =
    `eDesk failed with HTTP ${info.status} (${where(info)}).${upstreamText(body)}` +
    " This is a fault on eDesk's side; a malformed value (e.g. a date not in YYYY-MM-DD form) can cause it too." +
    unsureWrite(info);
  return new EdeskError("upstream", text, info);
}

/** Classifies a non-2xx eDesk answer (docs/edesk-api.md §3 status codes). `body` is parsed JSON or undefined. */
export function errorFromStatus(info: EdeskCallInfo, body: unknown): EdeskError {
  const status = info.status ?? 0;
  if (status === 401 || status === 403) return authError(info);
  if (status === 404) return notFoundError(info, body);
  if (status === 429) return rateLimitedError(info);
  if (status >= 500) return upstreamError(info, body);
  // 400 is the documented validation status; GUESS: other 4xx (405, 409, 422…) are undocumented
  // refusals of this request, so they are reported the same way.
  return validationError(info, body);
}

/** eDesk did not answer within the client's timeout. */
export function timeoutError(info: EdeskCallInfo, timeoutMs: number): EdeskError {
  const text =
    `eDesk did not answer within ${Math.round(timeoutMs / 1000)} s (${where(info)}).` +
    unsureWrite(info);
  return new EdeskError("timeout", text, info);
}

/** The request never reached eDesk (DNS, TLS, connection refused). */
export function unreachableError(info: EdeskCallInfo): EdeskError {
  const text =
    `Could not reach eDesk (network error on ${where(info)}). eDesk may be down or unreachable from this server; ` +
    "retry in a minute, and tell the user if it keeps failing.";
  return new EdeskError("unreachable", text, info);
}

/** A 2xx whose body is not JSON or not the documented envelope (docs/edesk-api.md §2, §3). */
export function badResponseError(info: EdeskCallInfo, problem: string): EdeskError {
  const text =
    `eDesk answered HTTP ${info.status} (${where(info)}) but ${problem}, so the result cannot be read.` +
    unsureWrite(info);
  return new EdeskError("bad_response", text, info);
}
