import { decodeBase64, encodeBase64Url } from "../../lib/encoding/base64";

// Opaque list cursors (docs/architecture.md §1: "the cursor is opaque to the caller and carries eDesk's
// page and itemsPerPage"). eDesk pages by number (docs/edesk-api.md §3), so a cursor is just the
// next page number and page size, plus a version and a checksum bound to the tool name. The
// checksum is a tamper and mix-up check, not a secret: a forged, edited, truncated or
// other-tool cursor fails it, and a cursor from another format version is refused by `v`.

/** A page of an eDesk list: 1-based `page`, and `itemsPerPage` 1–100. */
export interface PageRequest {
  page: number;
  itemsPerPage: number;
}

/** eDesk's default page size (docs/edesk-api.md §3, CONFIRMED (observed)); also ours. */
export const DEFAULT_LIMIT = 20;
// GUESS: eDesk documents no maximum page size; clients use 100 successfully (docs/edesk-api.md §3).
export const MAX_LIMIT = 100;
const MAX_PAGE = 1_000_000;
const VERSION = 1;

/** A cursor that this server did not issue for this tool, or no longer understands. */
export class CursorError extends Error {
  override readonly name = "CursorError";
  constructor() {
    super(
      "next_cursor is not a cursor this tool issued (it was altered, comes from another tool, or from an older server version). " +
        "Pass next_cursor exactly as the previous result of this same tool returned it, or omit it to start from the first page.",
    );
  }
}

/** FNV-1a, 32 bit: short, synchronous and plenty for a tamper check. */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const sign = (tool: string, page: number, size: number) =>
  checksum(`${VERSION}|${tool}|${page}|${size}`);

const toBase64Url = (text: string) => encodeBase64Url(new TextEncoder().encode(text));
const fromBase64Url = (text: string) => new TextDecoder().decode(decodeBase64(text));

/** Encodes the page to ask for next as an opaque cursor for `tool`. */
export function encodeCursor(tool: string, next: PageRequest): string {
  const { page, itemsPerPage: size } = next;
  return toBase64Url(JSON.stringify({ v: VERSION, p: page, n: size, c: sign(tool, page, size) }));
}

const isCount = (value: unknown, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;

/** Decodes a cursor issued for `tool`; throws `CursorError` for anything else. */
export function decodeCursor(tool: string, cursor: string): PageRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw new CursorError();
  }
  if (typeof parsed !== "object" || parsed === null) throw new CursorError();
  const { v, p, n, c } = parsed as Record<string, unknown>;
  if (v !== VERSION || !isCount(p, MAX_PAGE) || !isCount(n, MAX_LIMIT)) throw new CursorError();
  if (c !== sign(tool, p, n)) throw new CursorError();
  return { page: p, itemsPerPage: n };
}

/**
 * The page to request from a list tool's `limit` and `next_cursor`.
 * Without a cursor: page 1 of `limit` (default 20). With a cursor whose page size differs
 * from `limit`, page numbers only line up when the cursor's offset is a multiple of `limit`;
 * then the new size is used, otherwise the cursor's size wins so no item is skipped or repeated.
 */
export function pageFor(tool: string, limit?: number, cursor?: string | null): PageRequest {
  if (!cursor) return { page: 1, itemsPerPage: limit ?? DEFAULT_LIMIT };
  const from = decodeCursor(tool, cursor);
  if (limit === undefined || limit === from.itemsPerPage) return from;
  const offset = (from.page - 1) * from.itemsPerPage;
  return offset % limit === 0 ? { page: offset / limit + 1, itemsPerPage: limit } : from;
}

function count(value: unknown): number | undefined {
  // Numbers sometimes arrive as strings from the live API (docs/edesk-api.md §3 "types vary").
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

/**
 * `next_cursor` for a list answer: null on the last page. eDesk's paginator
 * `{currentPage, itemsPerPage, totalItemsCount}` has more pages while
 * `currentPage * itemsPerPage < totalItemsCount` (docs/edesk-api.md §3).
 */
export function nextCursor(
  tool: string,
  paginator: unknown,
  requested: PageRequest,
  received: number,
): string | null {
  if (received === 0) return null;
  const p = typeof paginator === "object" && paginator !== null ? paginator : {};
  const { currentPage, itemsPerPage, totalItemsCount } = p as Record<string, unknown>;
  const page = count(currentPage);
  const size = count(itemsPerPage);
  const total = count(totalItemsCount);
  if (page !== undefined && size !== undefined && total !== undefined) {
    if (page * size >= total || page + 1 > MAX_PAGE) return null;
    // eDesk's own figures keep the offsets right should it have served another page size.
    const next = isCount(page, MAX_PAGE) && isCount(size, MAX_LIMIT);
    return encodeCursor(tool, next ? { page: page + 1, itemsPerPage: size } : following(requested));
  }
  // GUESS: lists are documented with a paginator (§3); should one be missing, a full page
  // suggests there may be more, and the next request will tell.
  if (received < requested.itemsPerPage) return null;
  return encodeCursor(tool, following(requested));
}

const following = (page: PageRequest): PageRequest => ({ ...page, page: page.page + 1 });
