// @ts-check
import { h } from "./dom.js";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const exactTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
});

/**
 * A `<time>` for an ISO instant, in the viewer's locale and time zone.
 * @param {string | null | undefined} iso
 * @param {{ exact?: boolean, none?: string }} [options]
 */
export function time(iso, options = {}) {
  if (!iso) return h("span", { class: "muted" }, options.none ?? "—");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h("span", {}, iso);
  return h(
    "time",
    { datetime: iso, title: date.toISOString() },
    (options.exact ? exactTime : dateTime).format(date),
  );
}

/**
 * A list of short values as tags, or a muted word when the list is absent (no filter).
 * @param {readonly string[] | undefined} values
 * @param {string} none
 */
export function chips(values, none) {
  if (!values || values.length === 0) return h("span", { class: "muted" }, none);
  return h(
    "ul",
    { class: "chips" },
    values.map((value) => h("li", { class: "chip" }, value)),
  );
}

/** Milliseconds for people: "84 ms", "1.2 s". @param {number} ms */
export const duration = (ms) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** "1 tool", "12 tools". @param {number} count @param {string} noun */
export const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;
