// @ts-check
import { append, h } from "../dom.js";
import { claudeDesktopConfig, MCP_KEY_PLACEHOLDER } from "../claude-config.js";
import { copyButton } from "../copy.js";
import { plural } from "../format.js";
import { href } from "../router.js";
import { breadcrumb } from "./account-shell.js";

/**
 * The one time a server's URL is visible: it carries the secret token, which the API stores only
 * as a hash. Leaving this view forgets it; the page keeps no copy anywhere.
 * @param {HTMLElement} view
 * @param {import("./account-actions.js").Account} account
 * @param {import("./servers.js").Server & { url: string, tools?: string[] }} server
 */
export function renderCreated(view, account, server) {
  view.classList.add("readable");
  const requireAuth = server.config.require_api_token_auth === true;
  const urlInput = h("input", {
    id: "mcp-url",
    type: "text",
    readonly: true,
    value: server.url,
    spellcheck: "false",
    "aria-describedby": "mcp-url-warning",
    onfocus: (/** @type {FocusEvent} */ event) =>
      /** @type {HTMLInputElement} */ (event.target).select(),
  });
  const config = claudeDesktopConfig(server.url, requireAuth);
  const configCode = h("code", {}, config);

  append(view, [
    breadcrumb([
      ["Integrated accounts", href.accounts()],
      [account.name, href.servers(account.id)],
      "Server created",
    ]),
    h("h1", { tabindex: "-1" }, `MCP server “${server.name}” created`),
    h(
      "div",
      { class: "notice warning", id: "mcp-url-warning" },
      h("strong", {}, "Copy the URL now: it is shown only once. "),
      "It contains the server's secret token, which is never displayed again. If it is lost, " +
        "revoke this server and create a new one.",
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "mcp-url" }, "MCP server URL"),
      h("div", { class: "copy-row" }, urlInput, copyButton("Copy", server.url, urlInput)),
    ),
    server.tools
      ? h("p", { class: "muted" }, `${plural(server.tools.length, "tool")} exposed.`)
      : null,
    h("h2", {}, "Use it in Claude Desktop"),
    h("h3", {}, "As a custom connector"),
    h("p", {}, "Settings › Connectors › Add custom connector, then paste the URL above."),
    requireAuth
      ? h(
          "p",
          { class: "notice" },
          "This server requires an MCP key, which custom connectors cannot send: use the " +
            "configuration file below instead.",
        )
      : null,
    h("h3", {}, "In claude_desktop_config.json, through mcp-remote"),
    h(
      "pre",
      { class: "code", tabindex: "0", "aria-label": "claude_desktop_config.json" },
      configCode,
    ),
    h("div", { class: "actions" }, copyButton("Copy configuration", config, configCode)),
    requireAuth
      ? h(
          "p",
          { class: "hint" },
          `Replace ${MCP_KEY_PLACEHOLDER} with an mcp-scoped key for this account (API keys page), ` +
            "never an admin key; the page never puts a key in the snippet.",
        )
      : null,
    h(
      "div",
      { class: "actions end" },
      h(
        "a",
        { class: "button primary", href: href.servers(account.id) },
        "Done: back to MCP Servers",
      ),
    ),
  ]);
}
