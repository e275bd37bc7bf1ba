import type { UpstreamRequest } from "../../edesk/client";
import {
  MAX_SCAN_PAGES,
  NAME_CONTAINS,
  SCAN_PAGE_SIZE,
  hasMorePages,
  nameMatches,
} from "../../catalog/find-by-name";
import type { CatalogTool } from "../../catalog/index";
import { splitArgs } from "../../catalog/split-args";
import type { EdeskResponse } from "../../edesk/client";
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from "./cursor";
import { listStructured } from "./results";

// A list tool called with `name_contains`: the engine walks eDesk's pages and keeps the records
// whose name matches (catalog/find-by-name.ts says why). The cursor of such a walk holds the
// position of the next unread record (its 1-based place in eDesk's list, as `page`, and the scan
// page size), signed for this tool's name scan, so a plain page cursor is refused here and a scan
// cursor refused by the plain list: each continues exactly where its own walk stopped.

const scanKey = (tool: CatalogTool) => `${tool.name}|${NAME_CONTAINS}`;

/** Whether a list call asks for the engine's name filter. */
export const wantsNameScan = (args: Record<string, unknown>) =>
  typeof args[NAME_CONTAINS] === "string";

/**
 * Up to `limit` matching records, scanning at most MAX_SCAN_PAGES pages of eDesk's list from the
 * cursor's position; `next_cursor` is null once eDesk's list is exhausted.
 */
export async function scanByName(
  tool: CatalogTool,
  args: Record<string, unknown>,
  send: (request: UpstreamRequest) => Promise<EdeskResponse>,
): Promise<Record<string, unknown>> {
  const { limit, next_cursor: cursor, [NAME_CONTAINS]: needle, ...filters } = args;
  const wanted = (limit as number | undefined) ?? DEFAULT_LIMIT;
  // `offset`: how many records of eDesk's list precede the next one to read.
  let offset = typeof cursor === "string" ? decodeCursor(scanKey(tool), cursor).page - 1 : 0;
  const next = () =>
    encodeCursor(scanKey(tool), { page: offset + 1, itemsPerPage: SCAN_PAGE_SIZE });
  const result: unknown[] = [];
  for (let read = 0; read < MAX_SCAN_PAGES; read++) {
    const page = Math.floor(offset / SCAN_PAGE_SIZE) + 1;
    const request = splitArgs(tool, filters);
    // eDesk pages by number with camelCase `itemsPerPage` (docs/edesk-api.md §3).
    request.query = { ...request.query, page: String(page), itemsPerPage: String(SCAN_PAGE_SIZE) };
    const response = await send(request);
    const where = { method: request.method, path: request.path, tool: tool.name };
    const data = listStructured(response, {
      ...where,
      page: { page, itemsPerPage: SCAN_PAGE_SIZE },
    }).result as unknown[];
    const more = hasMorePages(response.body.paginator, page, data.length);
    for (let index = offset - (page - 1) * SCAN_PAGE_SIZE; index < data.length; index++) {
      offset = (page - 1) * SCAN_PAGE_SIZE + index + 1;
      if (!nameMatches(data[index], needle as string)) continue;
      result.push(data[index]);
      if (result.length === wanted) {
        const last = !more && index === data.length - 1;
        return { result, next_cursor: last ? null : next() };
      }
    }
    if (!more) return { result, next_cursor: null };
    offset = page * SCAN_PAGE_SIZE;
  }
  return { result, next_cursor: next() };
}
