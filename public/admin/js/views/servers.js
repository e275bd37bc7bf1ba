// @ts-check
import { accountPath, api } from "../api.js";
import { announce, h, loading } from "../dom.js";
import { openDialog } from "../dialog.js";
import { chips, time } from "../format.js";
import { href } from "../router.js";
import { emptyState, errorState, srOnly } from "../states.js";
import { accountHeader, loadAccount } from "./account-shell.js";

/**
 * @typedef {{ methods?: string[], tags?: string[], require_api_token_auth?: boolean,
 *   tool_exposure?: "all" | "discovery", redact?: string[],
 *   confirm?: "off" | "customer_visible" | "writes", max_calls_per_minute?: number,
 *   loop_guard?: boolean }} ServerConfig
 * @typedef {{ id: string, account_id: string, name: string, config: ServerConfig,
 *   expires_at: string | null, created_at: string }} Server
 */

/**
 * The account page's MCP Servers tab: its servers (never their URLs: the API keeps no copy of
 * the token), create, audit and revoke.
 * @param {HTMLElement} view
 * @param {{ accountId: string }} route
 */
export async function renderServers(view, { accountId }) {
  const account = await loadAccount(view, accountId, () => {
    view.replaceChildren();
    void renderServers(view, { accountId });
  });
  if (!account) return;
  const listRegion = h("div", { class: "list-region" });

  /** @param {Server} server */
  const revoke = async (server) => {
    const revoked = await openDialog({
      title: `Revoke “${server.name}”?`,
      body: h(
        "p",
        {},
        "Clients using its URL are refused from their next request. This cannot be undone; " +
          "create a new server to grant access again.",
      ),
      confirmLabel: "Revoke server",
      danger: true,
      onConfirm: () =>
        api("DELETE", accountPath(accountId, `/mcp/${encodeURIComponent(server.id)}`)),
    });
    if (!revoked) return;
    announce(`Revoked ${server.name}.`);
    await load();
    const heading = view.querySelector("h2");
    if (heading instanceof HTMLElement) heading.focus();
  };

  /** @param {Server} server */
  const row = (server) =>
    h(
      "tr",
      {},
      h(
        "td",
        { "data-label": "Name" },
        h("span", { class: "strong" }, server.name),
        server.config.require_api_token_auth
          ? h("span", { class: "badge" }, "API key required")
          : null,
        server.config.tool_exposure === "discovery"
          ? h("span", { class: "badge" }, "discovery")
          : null,
        server.config.redact?.length
          ? h("span", { class: "badge" }, `masks ${server.config.redact.join(", ")}`)
          : null,
        server.config.confirm && server.config.confirm !== "off"
          ? h(
              "span",
              { class: "badge" },
              server.config.confirm === "writes" ? "confirms writes" : "confirms replies",
            )
          : null,
        server.config.max_calls_per_minute
          ? h("span", { class: "badge" }, `${server.config.max_calls_per_minute} calls/min`)
          : null,
        server.config.loop_guard === false ? h("span", { class: "badge" }, "no loop guard") : null,
      ),
      h("td", { "data-label": "Methods" }, chips(server.config.methods, "all")),
      h("td", { "data-label": "Tags" }, chips(server.config.tags, "all")),
      h("td", { "data-label": "Expires" }, time(server.expires_at, { none: "never" })),
      h("td", { "data-label": "Created" }, time(server.created_at)),
      h(
        "td",
        { class: "row-actions" },
        h(
          "a",
          { class: "button small", href: href.audit(accountId, server.id) },
          "Audit",
          srOnly(` of ${server.name}`),
        ),
        h(
          "button",
          { type: "button", class: "button small danger-outline", onclick: () => revoke(server) },
          "Revoke",
          srOnly(` ${server.name}`),
        ),
      ),
    );

  /** @param {Server[]} servers */
  const table = (servers) =>
    h(
      "table",
      { class: "data" },
      h("caption", { class: "visually-hidden" }, `MCP servers of ${account.name}`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Name", "Methods", "Tags", "Expires", "Created"].map((label) =>
            h("th", { scope: "col" }, label),
          ),
          h("th", { scope: "col" }, srOnly("Actions")),
        ),
      ),
      h("tbody", {}, servers.map(row)),
    );

  async function load() {
    listRegion.setAttribute("aria-busy", "true");
    if (!listRegion.firstChild) listRegion.append(loading("MCP servers"));
    try {
      const { result } = await api("GET", accountPath(accountId, "/mcp"));
      listRegion.replaceChildren(
        result.length
          ? table(result)
          : emptyState(
              "No MCP servers yet",
              "Create one to get a URL for Claude Desktop, mcp-remote or any MCP client.",
            ),
      );
    } catch (error) {
      listRegion.replaceChildren(errorState(error, () => void load()));
    } finally {
      listRegion.removeAttribute("aria-busy");
    }
  }

  view.append(
    ...accountHeader(account, "servers"),
    h(
      "section",
      { class: "tab-panel", "aria-labelledby": "servers-heading" },
      h(
        "div",
        { class: "section-head" },
        h("h2", { id: "servers-heading", tabindex: "-1" }, "MCP Servers"),
        h("a", { class: "button primary", href: href.newServer(accountId) }, "Create MCP Server"),
      ),
      listRegion,
    ),
  );
  await load();
}
