import { describe, expect, it } from "vitest";
import {
  CursorError,
  decodeCursor,
  encodeCursor,
  nextCursor,
  pageFor,
} from "../../../src/engine/tools/cursor";

const TOOL = "list_all_e_desk_tickets";

describe("list cursors", () => {
  it("round-trips page and page size for the tool that issued it", () => {
    const cursor = encodeCursor(TOOL, { page: 3, itemsPerPage: 25 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(TOOL, cursor)).toEqual({ page: 3, itemsPerPage: 25 });
  });

  it("rejects an edited cursor", () => {
    const cursor = encodeCursor(TOOL, { page: 3, itemsPerPage: 25 });
    const payload = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...payload, p: 4 })).replace(/=+$/, "");
    expect(() => decodeCursor(TOOL, forged)).toThrow(CursorError);
  });

  it("rejects another tool's cursor", () => {
    const cursor = encodeCursor("list_all_e_desk_tags", { page: 2, itemsPerPage: 20 });
    expect(() => decodeCursor(TOOL, cursor)).toThrow(CursorError);
  });

  it("rejects garbage, other versions and out-of-range pages", () => {
    expect(() => decodeCursor(TOOL, "not a cursor")).toThrow(CursorError);
    expect(() => decodeCursor(TOOL, btoa(JSON.stringify({ v: 0, p: 2, n: 20 })))).toThrow(
      CursorError,
    );
    expect(() => decodeCursor(TOOL, encodeCursor(TOOL, { page: 2, itemsPerPage: 500 }))).toThrow(
      CursorError,
    );
  });

  it("explains what to do in its error", () => {
    expect(new CursorError().message).toContain("omit it to start from the first page");
  });
});

describe("pageFor: limit and next_cursor to eDesk's page/itemsPerPage (docs/edesk-api.md §3)", () => {
  it("starts at page 1 of 20 by default", () => {
    expect(pageFor(TOOL)).toEqual({ page: 1, itemsPerPage: 20 });
    expect(pageFor(TOOL, 50, null)).toEqual({ page: 1, itemsPerPage: 50 });
  });

  it("follows a cursor", () => {
    const cursor = encodeCursor(TOOL, { page: 3, itemsPerPage: 20 });
    expect(pageFor(TOOL, undefined, cursor)).toEqual({ page: 3, itemsPerPage: 20 });
    expect(pageFor(TOOL, 20, cursor)).toEqual({ page: 3, itemsPerPage: 20 });
  });

  it("re-pages to a new limit when the cursor's offset is a multiple of it", () => {
    const cursor = encodeCursor(TOOL, { page: 3, itemsPerPage: 20 }); // offset 40
    expect(pageFor(TOOL, 10, cursor)).toEqual({ page: 5, itemsPerPage: 10 });
  });

  it("keeps the cursor's page size when a new limit would skip or repeat items", () => {
    const cursor = encodeCursor(TOOL, { page: 3, itemsPerPage: 20 }); // offset 40
    expect(pageFor(TOOL, 30, cursor)).toEqual({ page: 3, itemsPerPage: 20 });
  });
});

describe("nextCursor from eDesk's paginator", () => {
  const requested = { page: 1, itemsPerPage: 20 };

  it("points at the next page while currentPage*itemsPerPage < totalItemsCount", () => {
    const next = nextCursor(
      TOOL,
      { currentPage: 1, itemsPerPage: 20, totalItemsCount: 41 },
      requested,
      20,
    );
    expect(decodeCursor(TOOL, next!)).toEqual({ page: 2, itemsPerPage: 20 });
  });

  it("is null on the last page", () => {
    expect(
      nextCursor(TOOL, { currentPage: 3, itemsPerPage: 20, totalItemsCount: 41 }, requested, 1),
    ).toBeNull();
    expect(
      nextCursor(TOOL, { currentPage: 2, itemsPerPage: 20, totalItemsCount: 40 }, requested, 20),
    ).toBeNull();
  });

  it("reads numbers sent as strings", () => {
    const next = nextCursor(
      TOOL,
      { currentPage: "1", itemsPerPage: "20", totalItemsCount: "41" },
      requested,
      20,
    );
    expect(next).not.toBeNull();
  });

  it("without a paginator, guesses more only after a full page", () => {
    expect(nextCursor(TOOL, undefined, requested, 20)).not.toBeNull();
    expect(nextCursor(TOOL, undefined, requested, 7)).toBeNull();
  });

  it("is null for an empty page whatever the paginator says", () => {
    expect(
      nextCursor(TOOL, { currentPage: 1, itemsPerPage: 20, totalItemsCount: 99 }, requested, 0),
    ).toBeNull();
  });
});
