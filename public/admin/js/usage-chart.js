// @ts-check
import { append, uid } from "./dom.js";

/**
 * @typedef {{ calls: number, edesk_errors: number, rate_limited: number, other_errors: number,
 *   refusals: Record<string, number> }} UsageCounts
 * @typedef {UsageCounts & { hour: string }} HourUsage
 */

const SVG = "http://www.w3.org/2000/svg";

/**
 * The outcomes a call can have, in the order bars stack them (bottom up). Every call has one,
 * so the segments of a bar add up to its calls. Colours come from admin.css by class (the CSP
 * forbids inline styles).
 * @type {{ key: string, label: string, one: string, count: (c: UsageCounts) => number }[]}
 */
export const OUTCOMES = [
  { key: "ok", label: "succeeded", one: "succeeded", count: (c) => c.calls - failures(c) },
  { key: "edesk", label: "eDesk errors", one: "eDesk error", count: (c) => c.edesk_errors },
  {
    key: "rate",
    label: "rate limited (429)",
    one: "rate limited (429)",
    count: (c) => c.rate_limited,
  },
  { key: "refused", label: "refused", one: "refused", count: (c) => refused(c) },
  { key: "other", label: "other errors", one: "other error", count: (c) => c.other_errors },
];

/** Refused calls of every kind. @param {UsageCounts} counts */
export const refused = (counts) => Object.values(counts.refusals).reduce((a, b) => a + b, 0);

/** @param {UsageCounts} c */
const failures = (c) => c.edesk_errors + c.rate_limited + c.other_errors + refused(c);

/** "1 call", "3 calls". @param {number} n @param {string} noun */
const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
/** The local clock time an hour starts at. @param {string} iso */
export const hourLabel = (iso) => hourFormat.format(new Date(iso));

/** What a bar or a table row says in words. @param {UsageCounts} counts */
export function outcomeText(counts) {
  const parts = OUTCOMES.filter((o) => o.count(counts) > 0).map((o) => {
    const n = o.count(counts);
    return `${n} ${n === 1 ? o.one : o.label}`;
  });
  return parts.length ? parts.join(", ") : "no calls";
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {...(Node | string | null)} children
 */
function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/** The smallest of 1, 2, 5, 10, 20, 50… at or above `max`. @param {number} max */
function niceMax(max) {
  for (let step = 1; ; step *= 10) {
    for (const nice of [1, 2, 5]) if (nice * step >= max) return nice * step;
  }
}

const W = 720;
const H = 200;
const LEFT = 44;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 24;

/**
 * Calls per hour as stacked bars, drawn in inline SVG (no script from elsewhere). The chart is
 * one image to assistive technology, named by its title and summed up by its description; the
 * tables beside it carry every number.
 * @param {HourUsage[]} hours oldest first
 * @param {UsageCounts} totals
 */
export function usageChart(hours, totals) {
  const top = niceMax(Math.max(1, ...hours.map((h) => h.calls)));
  const ticks = top >= 2 && top % 2 === 0 ? [0, top / 2, top] : [0, top];
  const plotH = H - TOP - BOTTOM;
  const slot = (W - LEFT - RIGHT) / hours.length;
  const y = (/** @type {number} */ n) => TOP + plotH - (n / top) * plotH;
  const titleId = uid("usage-chart-title");
  const descId = uid("usage-chart-desc");
  const busiest = hours.reduce((a, b) => (b.calls > a.calls ? b : a), hours[0]);

  const grid = ticks.map((tick) =>
    svg(
      "g",
      { class: "tick" },
      svg("line", { x1: LEFT, x2: W - RIGHT, y1: y(tick), y2: y(tick) }),
      svg("text", { x: LEFT - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)),
    ),
  );
  const bars = hours.map((hour, i) => {
    const x = LEFT + i * slot + slot * 0.15;
    let base = 0;
    const segments = OUTCOMES.map((outcome) => {
      const n = outcome.count(hour);
      if (!n) return null;
      const rect = svg("rect", {
        class: `seg seg-${outcome.key}`,
        x: x.toFixed(1),
        y: y(base + n).toFixed(1),
        width: (slot * 0.7).toFixed(1),
        height: (y(base) - y(base + n)).toFixed(1),
      });
      base += n;
      return rect;
    });
    const label = `${hourLabel(hour.hour)}: ${count(hour.calls, "call")}${
      hour.calls ? ` (${outcomeText(hour)})` : ""
    }`;
    return svg("g", { class: "bar", "data-hour": hour.hour }, svg("title", {}, label), ...segments);
  });
  // Every sixth hour (every twelfth on a narrow screen: the `minor` ones hide) and the current
  // one, which ends at the right edge so it is never cut.
  const last = hours.length - 1;
  const labels = hours.map((hour, i) =>
    i % 6 === 0 || i === last
      ? svg(
          "text",
          i === last
            ? { x: W - RIGHT, y: H - 6, "text-anchor": "end" }
            : {
                x: (LEFT + (i + 0.5) * slot).toFixed(1),
                y: H - 6,
                "text-anchor": "middle",
                class: i % 12 === 0 ? "major" : "minor",
              },
          hourLabel(hour.hour),
        )
      : null,
  );

  return svg(
    "svg",
    {
      class: "usage-chart",
      viewBox: `0 0 ${W} ${H}`,
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
    },
    svg("title", { id: titleId }, "Tool calls per hour, last 24 hours"),
    svg(
      "desc",
      { id: descId },
      `${count(totals.calls, "call")} in the last 24 hours: ${outcomeText(totals)}. ` +
        `Busiest hour: ${hourLabel(busiest.hour)} with ${count(busiest.calls, "call")}. ` +
        "The tables below give every count.",
    ),
    svg("g", { class: "grid" }, ...grid),
    svg("g", { class: "bars" }, ...bars),
    svg("g", { class: "axis" }, ...labels),
  );
}
