import { ArgumentError } from "./argument-error";
import type { OperationContext } from "./define";
import { isRecord } from "../lib/encoding/json";
import { SCAN_PAGE_SIZE, hasMorePages } from "./find-by-name";

// `tag_names` of add/remove_e_desk_ticket_tags: names resolved to ids exactly and case-insensitively
// before anything is written. eDesk has no tag lookup by name (docs/edesk-api.md §2.7), so its tag
// list is read page by page, bounded, stopping as soon as every name is found.

/** At most this many pages of tags (1,000 tags) are read to resolve names. */
export const MAX_TAG_PAGES = 10;
const MAX_SUGGESTIONS = 5;

interface TagRow {
  id: number;
  name: string;
}

async function readTags(ctx: OperationContext, wanted: Set<string>) {
  const tags: TagRow[] = [];
  for (let page = 1; page <= MAX_TAG_PAGES; page++) {
    const query = { page: String(page), itemsPerPage: String(SCAN_PAGE_SIZE) };
    const body = await ctx.send({ method: "GET", path: "/tags", query });
    const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
    for (const row of data) {
      if (isRecord(row) && typeof row.name === "string" && Number.isInteger(Number(row.id))) {
        tags.push({ id: Number(row.id), name: row.name });
        wanted.delete(row.name.toLowerCase());
      }
    }
    const more = hasMorePages(isRecord(body) ? body.paginator : undefined, page, data.length);
    if (wanted.size === 0 || !more) return { tags, complete: !more };
  }
  return { tags, complete: false };
}

/** Levenshtein distance, for suggesting the tag a model most likely meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

function closeMatches(name: string, tags: TagRow[]): TagRow[] {
  const given = name.toLowerCase();
  return tags
    .map((tag) => {
      const own = tag.name.toLowerCase();
      const contained = own.includes(given) || given.includes(own);
      return { tag, score: contained ? 0 : distance(given, own) };
    })
    .filter(({ score }) => score <= Math.max(2, Math.floor(given.length / 3)))
    .sort((a, b) => a.score - b.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ tag }) => tag);
}

/**
 * The ids of the named tags. Throws `ArgumentError` naming each unknown name with its close
 * matches; nothing has been written at that point.
 */
export async function resolveTagNames(names: string[], ctx: OperationContext): Promise<number[]> {
  const unique = [...new Set(names.map((name) => name.trim()))];
  const { tags, complete } = await readTags(ctx, new Set(unique.map((n) => n.toLowerCase())));
  const byName = new Map(tags.map((tag) => [tag.name.toLowerCase(), tag.id]));
  const unknown = unique.filter((name) => !byName.has(name.toLowerCase()));
  if (unknown.length > 0) {
    const lines = unknown.map((name) => {
      const close = closeMatches(name, tags).map((tag) => `"${tag.name}" (id ${tag.id})`);
      return `- "${name}": ${close.length ? `close matches: ${close.join(", ")}` : "no close match"}`;
    });
    const scope = complete
      ? ""
      : ` (the first ${MAX_TAG_PAGES * SCAN_PAGE_SIZE} tags were checked)`;
    throw new ArgumentError(
      `No tag has exactly ${unknown.length === 1 ? "this name" : "these names"} (any case)${scope}; ` +
        `nothing was written.\n${lines.join("\n")}\n` +
        "Call again with an existing tag name or its id (list_all_e_desk_tags with name_contains).",
    );
  }
  return unique.map((name) => byName.get(name.toLowerCase()) as number);
}
