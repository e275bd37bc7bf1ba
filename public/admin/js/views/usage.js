// @ts-check
import { h } from "../dom.js";
import { emptyState } from "../states.js";
import { hourLabel, OUTCOMES, refused, usageChart } from "../usage-chart.js";

/**
 * @typedef {import("../usage-chart.js").UsageCounts} UsageCounts
 * @typedef {{ from: string, to: string, totals: UsageCounts,
 *   hours: (UsageCounts & { hour: string })[], tools: (UsageCounts & { tool: string })[] }} Usage
 */

/** Refusal kinds in words; a kind this page does not know yet shows as its name. */
const REFUSAL_LABELS = /** @type {Record<string, string>} */ ({
  tool_not_allowed: "outside config",
  budget: "budget",
  loop: "loop guard",
  unconfirmed: "not confirmed",
  declined: "declined",
});

const COLUMNS = ["Calls", "eDesk errors", "429s", "Refused", "Other errors"];

/** The refused count, with its kinds when there are any. @param {UsageCounts} counts */
function refusedCell(counts) {
  const kinds = Object.entries(counts.refusals).filter(([, n]) => n > 0);
  const named = kinds.map(
    ([kind, n]) => `${REFUSAL_LABELS[kind] ?? kind.replaceAll("_", " ")}: ${n}`,
  );
  return h(
    "td",
    { "data-label": "Refused", class: "num" },
    h(
      "span",
      {},
      String(refused(counts)),
      named.length ? h("span", { class: "muted" }, ` (${named.join(", ")})`) : null,
    ),
  );
}

/** @param {UsageCounts} counts */
const countCells = (counts) => [
  h("td", { "data-label": "Calls", class: "num" }, String(counts.calls)),
  h("td", { "data-label": "eDesk errors", class: "num" }, String(counts.edesk_errors)),
  h("td", { "data-label": "429s", class: "num" }, String(counts.rate_limited)),
  refusedCell(counts),
  h("td", { "data-label": "Other errors", class: "num" }, String(counts.other_errors)),
];

/**
 * @param {string} caption
 * @param {string} first the first column's heading
 * @param {[import("../dom.js").Child, UsageCounts][]} rows
 * @param {UsageCounts} [totals]
 */
function countsTable(caption, first, rows, totals) {
  return h(
    "table",
    { class: "data usage-table" },
    h("caption", { class: "visually-hidden" }, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        [first, ...COLUMNS].map((label) => h("th", { scope: "col" }, label)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map(([name, counts]) =>
        h("tr", {}, h("th", { scope: "row", "data-label": first }, name), ...countCells(counts)),
      ),
    ),
    totals
      ? h(
          "tfoot",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row", "data-label": first }, "All tools"),
            ...countCells(totals),
          ),
        )
      : null,
  );
}

/**
 * The usage of one server over the last 24 hours: calls per hour as a chart, and per tool as
 * a table. The table, and the per-hour table under "Counts per hour", are the chart's
 * accessible form.
 * @param {Usage} usage
 */
export function usageSection(usage) {
  const headingId = "usage-heading";
  const body =
    usage.totals.calls === 0
      ? [emptyState("No tool calls in the last 24 hours", "Calls appear here as they finish.")]
      : [
          h("figure", { class: "usage-figure" }, usageChart(usage.hours, usage.totals), legend()),
          countsTable(
            "Tool calls per tool, last 24 hours",
            "Tool",
            usage.tools.map((tool) => [h("code", {}, tool.tool), tool]),
            usage.totals,
          ),
          h(
            "details",
            { class: "usage-hours" },
            h("summary", {}, "Counts per hour"),
            countsTable(
              "Tool calls per hour, last 24 hours",
              "Hour",
              usage.hours.map((hour) => [
                h("time", { datetime: hour.hour }, hourLabel(hour.hour)),
                hour,
              ]),
            ),
          ),
        ];
  return h(
    "section",
    { class: "usage", "aria-labelledby": headingId },
    h("h2", { id: headingId }, "Usage, last 24 hours"),
    ...body,
  );
}

/** What each colour of a bar stands for. */
function legend() {
  return h(
    "figcaption",
    {},
    h(
      "ul",
      { class: "legend" },
      OUTCOMES.map((outcome) =>
        h(
          "li",
          {},
          h("span", { class: `swatch seg-${outcome.key}`, "aria-hidden": "true" }),
          outcome.label,
        ),
      ),
    ),
  );
}
