import { describe, expect, it } from "vitest";
import type { UpstreamRequest } from "../../../src/edesk/client";
import { MAX_SCAN_PAGES, SCAN_PAGE_SIZE } from "../../../src/catalog/find-by-name";
import { catalogTools } from "../../../src/catalog/index";
import { CursorError } from "../../../src/engine/tools/cursor";
import { scanByName } from "../../../src/engine/tools/name-scan";

// An eDesk-like tag list of `count` records where every 7th is named "Match <n>".
function fakeList(count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: i % 7 === 0 ? `Match ${i + 1}` : `Other ${i + 1}`,
  }));
  const requests: UpstreamRequest[] = [];
  const send = async (request: UpstreamRequest) => {
    requests.push(request);
    const page = Number(request.query?.page);
    const size = Number(request.query?.itemsPerPage);
    const data = rows.slice((page - 1) * size, page * size);
    const paginator = { currentPage: page, itemsPerPage: size, totalItemsCount: rows.length };
    return {
      status: 200,
      body: { data, paginator },
      ratelimit: { limit: 60, remaining: 59, reset: 1 },
    };
  };
  return { rows, requests, send };
}

const tool = catalogTools().find((t) => t.name === "list_all_e_desk_tags")!;
const plainTool = catalogTools().find((t) => t.name === "list_all_e_desk_users")!;

/** Calls the scan until next_cursor is null; returns every id and the number of calls. */
async function walk(count: number, limit: number) {
  const list = fakeList(count);
  const ids: number[] = [];
  let cursor: string | undefined;
  let calls = 0;
  do {
    const args: Record<string, unknown> = { name_contains: "match", limit };
    if (cursor) args.next_cursor = cursor;
    const page = await scanByName(tool, args, list.send);
    ids.push(...(page.result as { id: number }[]).map((row) => row.id));
    cursor = (page.next_cursor as string | null) ?? undefined;
    calls++;
  } while (cursor && calls < 1000);
  const expected = list.rows.filter((row) => row.name.startsWith("Match")).map((row) => row.id);
  return { ids, expected, calls, requests: list.requests };
}

describe("name_contains scan", () => {
  it("returns every match exactly once, in order, across calls of any limit", async () => {
    for (const limit of [1, 3, 20, 100]) {
      const { ids, expected } = await walk(730, limit);
      expect(ids).toEqual(expected);
    }
  });

  it(`reads at most ${MAX_SCAN_PAGES} pages of ${SCAN_PAGE_SIZE} per call and says where to go on`, async () => {
    const list = fakeList(2000);
    // No record matches: the call stops at the bound with a cursor, not at the end of the list.
    const page = await scanByName(tool, { name_contains: "nothing" }, list.send);
    expect(list.requests).toHaveLength(MAX_SCAN_PAGES);
    expect(list.requests.every((r) => r.query?.itemsPerPage === String(SCAN_PAGE_SIZE))).toBe(true);
    expect(page.result).toEqual([]);
    expect(page.next_cursor).toEqual(expect.any(String));
    const more = await scanByName(
      tool,
      { name_contains: "nothing", next_cursor: page.next_cursor },
      list.send,
    );
    expect(list.requests.slice(MAX_SCAN_PAGES).map((r) => r.query?.page)).toEqual([
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(more.next_cursor).toEqual(expect.any(String));
  });

  it("ends with a null cursor when the last match is the last record", async () => {
    const { ids, calls } = await walk(8, 2); // matches: 1 and 8
    expect(ids).toEqual([1, 8]);
    expect(calls).toBe(1);
  });

  it("never sends name_contains to eDesk", async () => {
    const list = fakeList(10);
    await scanByName(tool, { name_contains: "match" }, list.send);
    expect(list.requests[0].query).toEqual({ page: "1", itemsPerPage: String(SCAN_PAGE_SIZE) });
  });

  it("refuses a cursor of the plain list, or of another tool's scan", async () => {
    const list = fakeList(300);
    const { next_cursor } = await scanByName(
      plainTool,
      { name_contains: "o", limit: 1 },
      list.send,
    );
    await expect(
      scanByName(tool, { name_contains: "o", next_cursor }, list.send),
    ).rejects.toBeInstanceOf(CursorError);
  });
});
