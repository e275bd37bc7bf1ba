// @ts-check
/** The API refuses an `expires_at` less than this far ahead (src/edge/admin/schemas.ts). */
export const MIN_LEAD_MS = 60_000;

const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");

/**
 * A Date as a `datetime-local` value in the viewer's time zone ("2026-11-01T09:30").
 * @param {Date} date
 */
export function toLocalInput(date) {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/**
 * Reads the expiry field: empty means no expiry; otherwise the instant (a `datetime-local`
 * value without offset is local time) must be at least a minute ahead, as the API requires.
 * @param {string} value
 * @param {number} [now]
 * @returns {{ iso: string | null } | { error: string }}
 */
export function parseExpiry(value, now = Date.now()) {
  if (!value) return { iso: null };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return { error: "Enter a valid date and time." };
  if (at.getTime() - now < MIN_LEAD_MS) {
    return { error: "Pick a time at least 1 minute from now, or leave it empty for no expiry." };
  }
  return { iso: at.toISOString() };
}
