import { createExecutionContext, env, SELF } from "cloudflare:test";
import worker from "../../../src/index";
import type { Observed } from "./oracle";

/** Every case must be answered within this (oracle rule 2). */
export const BOUND_MS = 5_000;
/** Bodies are read up to this much; an answer larger than any real one is a finding. */
const READ_LIMIT = 4 * 1024 * 1024;

export interface FuzzRequest {
  method: string;
  url: string;
  headers?: [string, string][];
  body?: string | Uint8Array;
  /**
   * `direct` calls the worker's fetch handler with the real bindings; `self` goes through
   * workerd's service binding as a client would. SELF gets slower with every request a test
   * file makes (vitest-pool-workers 0.15, measured with GET /health: the first 100 took
   * 0.25 s, the fifth 100 took 5.4 s), so most cases go direct and a sample goes through SELF.
   */
  via?: "direct" | "self";
  /** `headers`: a stream is expected; take the headers and cancel the body. */
  read?: "full" | "headers";
}

const TIMEOUT = Symbol("timeout");

/** Races `work` against the bound; `onTimeout` releases what the work holds. */
export async function bounded<T>(
  work: Promise<T>,
  ms = BOUND_MS,
  onTimeout?: () => void,
): Promise<T | typeof TIMEOUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  try {
    const result = await Promise.race([work, limit]);
    if (result === TIMEOUT) onTimeout?.();
    return result;
  } finally {
    clearTimeout(timer);
  }
}

export const isTimeout = (value: unknown): value is typeof TIMEOUT => value === TIMEOUT;

/** Reads a body to its end (or READ_LIMIT), as text. */
async function readText(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size > READ_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  return text + decoder.decode();
}

/** Builds the request; throws when the test itself asked for something fetch cannot send. */
export function buildRequest(request: FuzzRequest): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
}

/** Sends one request and observes the answer, never waiting longer than the bound. */
export async function send(request: FuzzRequest): Promise<Observed> {
  const started = Date.now();
  const built = buildRequest(request);
  let body: ReadableStream<Uint8Array> | null = null;
  const work = (async () => {
    const response =
      request.via === "self"
        ? await SELF.fetch(built)
        : await worker.fetch(built, env, createExecutionContext());
    body = response.body;
    const contentType = response.headers.get("content-type") ?? "";
    const headers = [...response.headers.entries()];
    if (request.read === "headers" && contentType.includes("text/event-stream")) {
      await response.body?.cancel();
      return { status: response.status, headers, body: "", contentType, streamCancelled: true };
    }
    const text = response.body ? await readText(response.body) : "";
    return { status: response.status, headers, body: text, contentType };
  })();
  const result = await bounded(work, BOUND_MS, () => {
    void (body as ReadableStream | null)?.cancel().catch(() => {});
  });
  const ms = Date.now() - started;
  if (isTimeout(result)) {
    return {
      method: request.method,
      url: request.url,
      status: 0,
      headers: [],
      body: "",
      contentType: "",
      ms,
      timedOut: true,
    };
  }
  return { method: request.method, url: request.url, ...result, ms, timedOut: false };
}
