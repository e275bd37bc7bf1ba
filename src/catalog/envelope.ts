import { isRecord } from "../lib/encoding/json";

/**
 * eDesk wraps single objects as `{data: …}` (docs/edesk-api.md §2), but some live answers are bare
 * (DELETE returns top-level `{ok, message}`, §2.1). Composite operations accept either, so they
 * work whether or not the eDesk client has already removed the envelope.
 */
export function unwrapData(body: unknown): unknown {
  if (isRecord(body) && "data" in body && !("id" in body)) return body.data;
  return body;
}

/** Positive integer ids from an eDesk id array (`tags_ids`, `messages_ids`, …), de-duplicated, in order. */
export function idList(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  const ids = value.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(ids)];
}
