import { dayEnd, dayStart, isDateTime, isDay } from "./dates";
import { ORDER_BY, ORDER_DIRECTIONS } from "./enums";
import { ApiError } from "./errors";
import type { Check } from "./validate";

/** Shared list parameters of `GET /tickets` (§2.1) and `GET /sales-orders` (§2.3). */

export interface Ordering {
  by: (typeof ORDER_BY)[number];
  dir: (typeof ORDER_DIRECTIONS)[number];
}

/** `order_by` / `order_direction`; bad values are 4007 (§3). */
export function readOrdering(q: Check): Ordering {
  // GUESS: the default order is undocumented; ascending id is stable and predictable.
  return {
    by: q.enumOf("order_by", ORDER_BY) ?? "id",
    dir: q.enumOf("order_direction", ORDER_DIRECTIONS) ?? "asc",
  };
}

interface Sortable {
  id: number;
  created_at: string;
  last_updated_at: string | null;
}

/**
 * Sorts in place by the ordering, ties broken by id in the same direction.
 * GUESS: a null `last_updated_at` sorts as the smallest value (MySQL's NULL ordering).
 */
export function sortRows<T extends Sortable>(rows: T[], o: Ordering): T[] {
  const sign = o.dir === "asc" ? 1 : -1;
  const key = (row: T): string | number => (o.by === "id" ? row.id : (row[o.by] ?? ""));
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -sign : sign;
    return (a.id - b.id) * sign;
  });
}

export interface Range {
  gte?: string;
  lte?: string;
}

/**
 * `<name>_gte` / `<name>_lte` as inclusive datetime bounds. A `YYYY-MM-DD` day covers the whole
 * day (§2.1: "inclusive start/end of day"); a full datetime is taken as is.
 * An unparsable value is a 400 with 4010 for tickets, while for sales orders the live API was
 * observed to answer 500 "Failed to parse time string" (§2.3), which `serverError` reproduces.
 */
export function readRange(q: Check, name: string, serverError = false): Range {
  const bound = (suffix: "gte" | "lte"): string | undefined => {
    const field = `${name}_${suffix}`;
    const raw = q.raw(field);
    if (raw === undefined || raw === "") return undefined;
    const value = String(raw);
    if (isDay(value)) return suffix === "gte" ? dayStart(value) : dayEnd(value);
    if (isDateTime(value)) return value;
    if (serverError) throw new ApiError(500, "Failed to parse time string", `${field}: ${value}`);
    return q.fail(field, "4010");
  };
  return { gte: bound("gte"), lte: bound("lte") };
}

export function inRange(value: string | null, range: Range): boolean {
  if (range.gte === undefined && range.lte === undefined) return true;
  if (value === null) return false;
  return (
    (range.gte === undefined || value >= range.gte) &&
    (range.lte === undefined || value <= range.lte)
  );
}
