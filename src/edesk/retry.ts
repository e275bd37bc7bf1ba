import type { EdeskError } from "./errors";

/**
 * When a failed eDesk call is sent again. Only reads are ever retried: a write that failed may
 * still have been applied (a 502 after eDesk committed, a dropped connection), so repeating it
 * could create a second message or note. The model is told instead (errors.ts).
 */
export interface RetryPolicy {
  /** Waits before each retry, in ms; its length is the number of retries. */
  delaysMs: readonly number[];
  /** A `Retry-After` up to this long (ms) is honoured instead of the planned wait. */
  maxRetryAfterMs: number;
}

/**
 * Two retries after about 0.25 s and 1 s: enough to ride over a dropped connection or a
 * gateway restart, short enough that a failing read answers within a few seconds.
 */
export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [250, 1000], maxRetryAfterMs: 2000 };

export const NO_RETRY: RetryPolicy = { delaysMs: [], maxRetryAfterMs: 0 };

// 429 is left out on purpose: the caller must see the rate limit with its figures (docs/architecture.md
// §1) and decide; a silent retry would spend more of the same quota. A timeout already cost
// the caller the whole timeout, and a slow eDesk is not helped by a second slow request.
// Auth, validation and 404 answers will not change on a retry, and neither will a 500: eDesk
// answers 500 to values it cannot parse (docs/edesk-api.md §3, observed), so only the gateway
// statuses count as passing.
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** Whether a failed read is worth sending again. */
export function isTransient(error: EdeskError): boolean {
  if (error.kind === "unreachable" || error.kind === "bad_response") return true;
  return error.kind === "upstream" && error.status !== null && TRANSIENT_STATUS.has(error.status);
}

/**
 * The wait before retry number `retry` (0-based): the planned delay with jitter (half to all of
 * it, so clients that failed together do not return together), or eDesk's Retry-After when it
 * is short enough. Undefined when no retry is left.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const planned = policy.delaysMs[retry];
  if (planned === undefined) return undefined;
  if (retryAfterSeconds !== undefined && retryAfterSeconds * 1000 <= policy.maxRetryAfterMs) {
    return Math.max(planned / 2, retryAfterSeconds * 1000);
  }
  return planned / 2 + (random() * planned) / 2;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
