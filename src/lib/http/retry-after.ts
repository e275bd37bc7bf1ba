/** Longer than any wait worth honouring; a larger figure is read as this. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/** The delay-seconds form of `Retry-After` (RFC 9110 §10.2.3), capped; undefined otherwise. */
export function retryAfterDelay(value: string | null | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns whole
 * seconds from `nowMs`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const delay = retryAfterDelay(value);
  if (delay !== undefined) return delay;
  const text = value.trim();
  // An HTTP date always names its day and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  const seconds = Math.ceil((date - nowMs) / 1000);
  return Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS);
}
