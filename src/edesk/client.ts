import {
  EdeskError,
  badResponseError,
  errorFromStatus,
  timeoutError,
  unreachableError,
  type EdeskCallInfo,
} from "./errors";
import { retryAfterDelay } from "../lib/http/retry-after";
import { scrubber } from "./scrub";
import { DEFAULT_RETRY, isTransient, pause, retryDelay, type RetryPolicy } from "./retry";
import {
  accountLimiter,
  RateLimitTracker,
  type AccountLimiter,
  type RateLimitFigures,
} from "./rate-limit";

/** One request to eDesk's API, as the tool engine builds it from a tool call's arguments. */
export interface UpstreamRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A multipart body instead of `body` (operations with `encoding: "multipart"`). */
  form?: FormData;
}

/** How to reach one eDesk account. */
export interface EdeskClientOptions {
  /** API root without a trailing slash, e.g. `https://api.edesk.com/v1` (docs/edesk-api.md §1). */
  baseUrl: string;
  /** The account's bearer token (docs/edesk-api.md §1). Never logged, never in an error. */
  apiToken: string;
  fetch?: typeof fetch;
  /** Per-request timeout covering the response body too; default 15 s. */
  timeoutMs?: number;
  /**
   * Identifies the account for the per-isolate rate-limit estimate (an account id or a hash
   * of the token, never the token itself); clients with the same key share one bucket.
   */
  rateLimitKey?: string;
  /** An explicit rate-limit estimate (tests); wins over `rateLimitKey`. Default: private. */
  limiter?: AccountLimiter;
  /** When failed reads are sent again (retry.ts); writes never are. Default: DEFAULT_RETRY. */
  retry?: RetryPolicy;
  /**
   * Asked before each request goes out (the account's budget, src/engine/guard): an error to throw
   * instead of sending it, or undefined to send.
   */
  budget?: () => Promise<EdeskError | undefined>;
  /**
   * `scrubber(apiToken)` (scrub.ts) when the caller keeps one for the token: working out a
   * token's encoded forms costs more than the rest of making a client.
   */
  scrub?: (text: string) => string;
}

/**
 * A request; a multipart body (order-note attachments, docs/edesk-api.md §2.5) comes as `form` or
 * as a FormData `body`.
 */
export type EdeskRequest = UpstreamRequest & { form?: FormData };

/** A 2xx answer: the parsed JSON object eDesk sent, and the rate-limit figures after it. */
export interface EdeskResponse {
  status: number;
  body: Record<string, unknown>;
  ratelimit: RateLimitFigures;
}

/** Sends requests to one eDesk account. Throws `EdeskError` for every failure it can classify. */
export interface EdeskClient {
  request(request: EdeskRequest, signal?: AbortSignal): Promise<EdeskResponse>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Creates a client for one account. */
export function createEdeskClient(options: EdeskClientOptions): EdeskClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limiter =
    options.limiter ??
    (options.rateLimitKey !== undefined
      ? accountLimiter(options.rateLimitKey)
      : accountLimiter("client", new RateLimitTracker()));
  const headers = baseHeaders(options.apiToken);
  const policy = options.retry ?? DEFAULT_RETRY;
  const scrub = options.scrub ?? scrubber(options.apiToken);

  async function attempt(
    request: EdeskRequest,
    url: string,
    signal: AbortSignal | undefined,
    seen: { retryAfter?: string | null },
  ): Promise<EdeskResponse> {
    if (options.budget) {
      const refused = await options.budget();
      if (refused) throw refused;
      signal?.throwIfAborted();
    }
    const info: EdeskCallInfo = { method: request.method, path: request.path, status: null };
    // One controller for the timeout and the caller's cancellation, linked by a listener that
    // goes when the attempt ends: `AbortSignal.any` would leave the caller's signal with a
    // dependent to abort when its request closes, on every call.
    const abort = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    const cancel = () => abort.abort(signal?.reason);
    if (signal?.aborted) cancel();
    else signal?.addEventListener("abort", cancel, { once: true });
    const failed = (error: unknown, problem?: string) => {
      // A caller's cancellation is not an eDesk fault: let it propagate as it came.
      if (signal?.aborted) return signal.reason ?? error;
      if (timedOut) return timeoutError(withFigures(info, limiter), timeoutMs);
      if (problem) return badResponseError(withFigures(info, limiter), problem);
      return unreachableError(withFigures(info, limiter));
    };
    try {
      limiter.sent();
      const init = { ...buildInit(request, headers), signal: abort.signal };
      const response = await doFetch(url, init).catch((error) => Promise.reject(failed(error)));
      info.status = response.status;
      seen.retryAfter = response.headers.get("retry-after");
      limiter.observed(response.status, seen.retryAfter);
      if (response.status >= 300 && response.status < 400) {
        // Redirects are not followed (buildInit): a third party's body is not eDesk data, and a
        // 307 would re-send a write's body to it. Nothing of this answer is passed on.
        await response.body?.cancel();
        throw badResponseError(
          withFigures(info, limiter),
          "the answer is a redirect, which is not followed",
        );
      }
      const text = await response
        .text()
        .catch((error) =>
          Promise.reject(failed(error, "the connection broke before the whole body arrived")),
        );
      return interpret(response.status, text, withFigures(info, limiter), scrub);
    } finally {
      clearTimeout(timeout);
      signal?.removeEventListener("abort", cancel);
    }
  }

  return {
    async request(request, signal) {
      const url = buildUrl(options.baseUrl, request);
      const retryable = request.method.toUpperCase() === "GET";
      for (let retry = 0; ; retry++) {
        const seen: { retryAfter?: string | null } = {};
        try {
          return await attempt(request, url, signal, seen);
        } catch (error) {
          if (!retryable || !(error instanceof EdeskError) || !isTransient(error)) throw error;
          // Seconds only: an HTTP-date form is ignored (docs/edesk-api.md §3: none seen).
          const wait = retryDelay(policy, retry, retryAfterDelay(seen.retryAfter));
          if (wait === undefined) throw error.afterAttempts(retry + 1);
          await pause(wait, signal);
        }
      }
    },
  };
}

type InfoWithFigures = EdeskCallInfo & { ratelimit: RateLimitFigures };

function withFigures(info: EdeskCallInfo, limiter: AccountLimiter): InfoWithFigures {
  return { ...info, ratelimit: limiter.figures() };
}

function baseHeaders(apiToken: string): Record<string, string> {
  // docs/edesk-api.md §1: bearer token, JSON in and out; no tenant or version header exists.
  return { authorization: `Bearer ${apiToken}`, accept: "application/json" };
}

/** `baseUrl + path` plus the query string. Paths come from the catalog, never from raw input. */
export function buildUrl(baseUrl: string, request: UpstreamRequest): string {
  if (!request.path.startsWith("/") || /(^|\/)\.\.?(\/|$)/.test(request.path)) {
    throw new Error(`refusing unsafe eDesk path ${request.path}`);
  }
  const query = new URLSearchParams(request.query ?? {}).toString();
  return `${baseUrl}${request.path}${query ? `?${query}` : ""}`;
}

function buildInit(request: EdeskRequest, base: Record<string, string>): RequestInit {
  const headers = new Headers(base);
  const common = { method: request.method, headers, redirect: "manual" as const };
  // splitArgs puts a multipart operation's FormData in `body` (docs/edesk-api.md §2.5); fetch then
  // sets multipart/form-data with its boundary itself.
  const form = request.form ?? (request.body instanceof FormData ? request.body : undefined);
  if (form) return { ...common, body: form };
  if (request.body === undefined || request.method === "GET") return common;
  headers.set("content-type", "application/json");
  return { ...common, body: JSON.stringify(request.body) };
}

function interpret(
  status: number,
  text: string,
  info: InfoWithFigures,
  scrub: (text: string) => string,
): EdeskResponse {
  const ok = status >= 200 && status < 300;
  // Scrubbed on success too: an echo of the token in data (or base64 of it) must not reach a model.
  const parsed = parseJson(scrub(text));
  if (!ok) throw errorFromStatus(info, parsed.value);
  // GUESS: eDesk documents a JSON body on every success (§3: 200 only, no 204); an empty
  // body is read as an empty object rather than failing a call that did succeed.
  if (text.trim() === "") return { status, body: {}, ratelimit: info.ratelimit };
  if (!parsed.ok) throw badResponseError(info, "the body is not JSON");
  const body = parsed.value;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badResponseError(info, "the body is not a JSON object");
  }
  return { status, body: body as Record<string, unknown>, ratelimit: info.ratelimit };
}

function parseJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}
