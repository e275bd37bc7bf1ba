/**
 * eDesk datetimes are strings `YYYY-MM-DD HH:MM:SS` (no `T`, no zone) and list filters take
 * `YYYY-MM-DD` (docs/edesk-api.md §3). Because the format is fixed-width, such strings compare
 * correctly as plain strings, which the filters rely on.
 */
// GUESS: the simulated account's timezone is UTC (§2.1 says day bounds use the account timezone;
// §3 observed UTC response timestamps).

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** True for a real `YYYY-MM-DD HH:MM:SS` datetime. */
export function isDateTime(value: string): boolean {
  const m = DATETIME.exec(value);
  if (!m) return false;
  const [hh, mm, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  return (
    validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && hh < 24 && mm < 60 && ss < 60
  );
}

/** True for a real `YYYY-MM-DD` day. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  return m !== null && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Inclusive bounds of a `YYYY-MM-DD` day as comparable datetime strings. */
export function dayStart(day: string): string {
  return `${day} 00:00:00`;
}

export function dayEnd(day: string): string {
  return `${day} 23:59:59`;
}

/** Parses a datetime string back to epoch milliseconds (UTC). */
export function parseDateTime(value: string): number {
  return Date.parse(`${value.replace(" ", "T")}Z`);
}
