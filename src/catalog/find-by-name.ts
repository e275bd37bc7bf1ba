import { z } from "zod";
import type { FieldSpec } from "./define";
import { isRecord } from "../lib/encoding/json";

// Finding records by name. eDesk's list endpoints for templates, tags, tag groups, users and
// channels take no name filter (docs/edesk-api.md §2.6–§2.8 document none), so the server pages
// through the list itself and keeps the matches. Every page is an ordinary eDesk request: it
// goes through the same client, rate limiter and figures as any other call.

/** Page size of a name scan. GUESS: eDesk documents no maximum; 100 works (docs/edesk-api.md §3). */
export const SCAN_PAGE_SIZE = 100;
/** At most this many pages (500 records) are read per call; `next_cursor` continues the scan. */
export const MAX_SCAN_PAGES = 5;
/** The most records one call scans, as stated to the model and in the README. */
export const MAX_SCANNED = SCAN_PAGE_SIZE * MAX_SCAN_PAGES;

/** The argument name of the engine-side filter. */
export const NAME_CONTAINS = "name_contains";

/** `name_contains` of a list tool: filtered by the engine, never sent to eDesk. */
export const nameContains: FieldSpec = {
  in: "engine",
  schema: z
    .string()
    .min(1)
    .max(100)
    // The scan bound (MAX_SCANNED) is explained in the server's instructions.
    .describe("Any case. No match but a next_cursor: call again with it"),
};

/** Whether a record's `name` contains the needle, ignoring case. */
export function nameMatches(record: unknown, needle: string): boolean {
  if (!isRecord(record) || typeof record.name !== "string") return false;
  return record.name.toLowerCase().includes(needle.toLowerCase());
}

/**
 * Whether a list page is not the last: eDesk's paginator says so (`currentPage * itemsPerPage <
 * totalItemsCount`, docs/edesk-api.md §3), or, without one, the page came back full.
 */
export function hasMorePages(paginator: unknown, page: number, received: number): boolean {
  if (received === 0) return false;
  const figures = isRecord(paginator) ? paginator : {};
  const [current, size, total] = [
    figures.currentPage,
    figures.itemsPerPage,
    figures.totalItemsCount,
  ].map(Number);
  if ([current, size, total].every(Number.isFinite)) return current * size < total;
  return received >= SCAN_PAGE_SIZE && page < Number.MAX_SAFE_INTEGER;
}
