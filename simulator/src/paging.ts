/**
 * Page-number paging (docs/edesk-api.md §3): `page` is 1-based, `itemsPerPage` defaults to 20 and is
 * capped at 100 (§6); `per_page` and `limit` are not read, so they are silently ignored like
 * the live API does. A page past the end is an empty `data` with the paginator.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Paging {
  page: number;
  itemsPerPage: number;
}

const positiveInt = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
};

// GUESS: invalid or non-positive paging values fall back to the defaults instead of failing;
// eDesk documents neither parameter (§3), so there is no known error for them.
export function readPaging(query: Record<string, string>): Paging {
  const page = positiveInt(query.page) ?? 1;
  const size = positiveInt(query.itemsPerPage) ?? DEFAULT_PAGE_SIZE;
  return { page, itemsPerPage: Math.min(size, MAX_PAGE_SIZE) };
}

/** The list envelope `{data, paginator: {currentPage, itemsPerPage, totalItemsCount}}` (§3). */
export function paginate<T, R>(
  rows: T[],
  query: Record<string, string>,
  render: (row: T) => R,
): {
  data: R[];
  paginator: { currentPage: number; itemsPerPage: number; totalItemsCount: number };
} {
  const { page, itemsPerPage } = readPaging(query);
  const start = (page - 1) * itemsPerPage;
  return {
    data: rows.slice(start, start + itemsPerPage).map(render),
    paginator: { currentPage: page, itemsPerPage, totalItemsCount: rows.length },
  };
}
