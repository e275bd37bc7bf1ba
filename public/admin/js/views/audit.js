// @ts-check
import { accountPath, api, ApiError } from "../api.js";
import { h, loading } from "../dom.js";
import { chips, duration, time } from "../format.js";
import { href } from "../router.js";
import { emptyState, errorState } from "../states.js";
import { breadcrumb, loadAccount } from "./account-shell.js";
import { usageSection } from "./usage.js";

/**
 * @typedef {{ at: string, tool: string, argument_keys: string[], upstream_status: number | null,
 *   duration_ms: number, is_error: boolean, client_name: string | null,
 *   client_version: string | null, guard?: string }} AuditEntry
 */

/** The MCP client as it named itself; rows from before clients were recorded have none. @param {AuditEntry} entry */
function client(entry) {
  if (!entry.client_name) return h("span", { class: "muted" }, "—");
  return h(
    "span",
    {},
    entry.client_name,
    entry.client_version ? h("span", { class: "muted" }, ` ${entry.client_version}`) : null,
  );
}

/** eDesk's status, or why there is none (the call failed before reaching eDesk). @param {AuditEntry} entry */
function status(entry) {
  const ok = !entry.is_error && (entry.upstream_status ?? 0) < 400;
  return h(
    "span",
    { class: `status ${ok ? "ok" : "bad"}` },
    entry.upstream_status === null ? "—" : String(entry.upstream_status),
    entry.is_error ? " error" : "",
  );
}

/** What the guard rails did with a call, in words (README "Guard rails"). */
const GUARD_WORDS = {
  plain: "—",
  confirmed: "confirmed by a person",
  declined: "declined by a person",
  refused_budget: "refused: budget",
  refused_loop: "refused: loop guard",
  refused_unconfirmed: "refused: no way to confirm",
};

/** @param {AuditEntry} entry */
function guard(entry) {
  const value = entry.guard ?? "plain";
  const words = /** @type {Record<string, string>} */ (GUARD_WORDS)[value] ?? value;
  const kind = value === "confirmed" ? "ok" : value === "plain" ? "" : "bad";
  return h("span", { class: `status ${kind}`.trim(), "data-guard": value }, words);
}

/**
 * A server's usage of the last 24 hours (usage.js), then its audit trail, newest first: which
 * client called which tools with which argument names (never values), what eDesk answered and
 * how long it took.
 * @param {HTMLElement} view
 * @param {{ accountId: string, serverId: string }} route
 */
export async function renderAudit(view, { accountId, serverId }) {
  const retry = () => {
    view.replaceChildren();
    void renderAudit(view, { accountId, serverId });
  };
  const account = await loadAccount(view, accountId, retry);
  if (!account) return;
  const serverPath = accountPath(accountId, `/mcp/${encodeURIComponent(serverId)}`);
  const region = h("div", { class: "list-region" }, loading("the audit trail"));
  const heading = h("h1", { tabindex: "-1" }, "Audit");
  view.append(
    breadcrumb([
      ["Integrated accounts", href.accounts()],
      [account.name, href.servers(accountId)],
      "Audit",
    ]),
    heading,
    region,
  );
  try {
    const [server, audit, usage] = await Promise.all([
      api("GET", serverPath),
      api("GET", `${serverPath}/audit`),
      api("GET", `${serverPath}/usage`),
    ]);
    heading.textContent = `Audit: ${server.name}`;
    region.replaceChildren(
      usageSection(usage),
      h(
        "div",
        { class: "section-head" },
        h("h2", {}, "Tool calls"),
        h("button", { type: "button", class: "button", onclick: retry }, "Refresh"),
      ),
      h("p", { class: "lead" }, "Newest first. Argument values are never recorded."),
      audit.result.length
        ? table(audit.result)
        : emptyState("No tool calls yet", "Calls made through this server's URL appear here."),
    );
  } catch (error) {
    region.replaceChildren(
      error instanceof ApiError && error.status === 404
        ? h(
            "p",
            { class: "error-state", role: "alert" },
            "This MCP server no longer exists: it was revoked or it expired. ",
            h("a", { href: href.servers(accountId) }, "Back to MCP Servers"),
          )
        : errorState(error, retry),
    );
  }
}

/** @param {AuditEntry[]} entries */
function table(entries) {
  return h(
    "table",
    { class: "data" },
    h("caption", { class: "visually-hidden" }, "Tool calls"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        [
          "Time",
          "Tool",
          "Client",
          "Argument keys",
          "Upstream status",
          "Guard rails",
          "Duration",
        ].map((label) => h("th", { scope: "col" }, label)),
      ),
    ),
    h(
      "tbody",
      {},
      entries.map((entry) =>
        h(
          "tr",
          {},
          h("td", { "data-label": "Time" }, time(entry.at, { exact: true })),
          h("td", { "data-label": "Tool" }, h("code", {}, entry.tool)),
          h("td", { "data-label": "Client" }, client(entry)),
          h("td", { "data-label": "Argument keys" }, chips(entry.argument_keys, "none")),
          h("td", { "data-label": "Upstream status" }, status(entry)),
          h("td", { "data-label": "Guard rails" }, guard(entry)),
          h("td", { "data-label": "Duration", class: "num" }, duration(entry.duration_ms)),
        ),
      ),
    ),
  );
}
